"""The one HTML allow-list: what a translation may contain and what a page keeps.

The site turns Markdown into HTML with markdown-it and passes it through :func:`sanitise`
(nh3, an allow-list sanitiser). The ``html-unsafe`` check reports any tag or attribute a
translator writes outside :data:`INLINE_TAGS` and :func:`allowed_attributes`; the
``url-*`` checks report ``javascript:``/``data:`` addresses and any not in the English text
or the configured ``allowed-urls`` (the page keeps only :data:`URL_SCHEMES`). So what the
checks accept reaches the page, and what the page would drop is reported (the table in
``tests/test_html_policy.py``). No event handler, ``style``, ``<script>``, ``<iframe>`` or
``<img>`` is allowed.
"""

from __future__ import annotations

# What a translator may write as HTML, inline in a sentence (``CO<sub>2</sub>``,
# ``<span dir="rtl" lang="ar">…</span>``, ``<br>``).
INLINE_TAGS = frozenset({"a", "abbr", "b", "br", "code", "del", "em", "i", "s", "small",
                         "span", "strong", "sub", "sup", "wbr"})
# The structure markdown-it writes for Markdown (``# Title``, ``- item``, ``> quote``): the
# page keeps it, but a translator writes it as Markdown, not as tags inside a sentence.
BLOCK_TAGS = frozenset({"blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ol", "p",
                        "ul"})
PAGE_TAGS = INLINE_TAGS | BLOCK_TAGS
GLOBAL_ATTRIBUTES = frozenset({"dir", "lang", "title"})
TAG_ATTRIBUTES = {"a": frozenset({"href", "hreflang"}), "ol": frozenset({"start"})}
URL_SCHEMES = frozenset({"http", "https", "mailto"})   # relative addresses are kept too
LINK_REL = "noopener noreferrer"   # added to every link: the page never gives a target its opener


def allowed_attributes(tag: str) -> frozenset[str]:
    """The attributes ``<tag>`` may carry (lower-case name, without ``<>``)."""
    return GLOBAL_ATTRIBUTES | TAG_ATTRIBUTES.get(tag, frozenset())


def sanitise(html: str) -> str:
    """``html`` with every tag, attribute and URL scheme outside the allow-list removed
    (the text of ``<script>``/``<style>`` too), and ``rel`` set on links."""
    import nh3  # imported when a page is rendered, not when the checks start

    return nh3.clean(html, tags=set(PAGE_TAGS),
                     attributes={"*": set(GLOBAL_ATTRIBUTES),
                                 **{tag: set(names) for tag, names in TAG_ATTRIBUTES.items()}},
                     url_schemes=set(URL_SCHEMES), link_rel=LINK_REL)
