"""Source content: YAML pages with Markdown bodies, and the site's Jinja2 templates."""
