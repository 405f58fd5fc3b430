"""Load a YAML file into plain data that remembers the line of every value.

Safe by construction: only YAML's plain types, no tags, no anchors or aliases (so a
"billion laughs" file is refused before it can expand), and a size limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from reclaim_i18n.errors import SourceError

MAX_SOURCE_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Node:
    """A YAML value with its line (1-based): ``value`` is a str, list[Node] or dict[str, Node]."""

    value: object
    line: int

    def plain(self):
        """The value without line numbers (for data fields)."""
        if isinstance(self.value, list):
            return [n.plain() for n in self.value]
        if isinstance(self.value, dict):
            return {k: n.plain() for k, n in self.value.items()}
        return self.value


class _Loader(yaml.SafeLoader):
    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise SourceError("YAML aliases (*name) are not allowed in source content",
                              line=event.start_mark.line + 1,
                              hint="write the text out in full instead of referring to it")
        return super().compose_node(parent, index)


def load_yaml(path: Path) -> Node:
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise SourceError(f"file is {size} bytes; the limit is {MAX_SOURCE_BYTES}", path)
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourceError("file not found", path) from None
    except UnicodeDecodeError as exc:
        raise SourceError(f"not UTF-8 (byte {exc.start})", path,
                          hint="save the file as UTF-8") from None
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror}", path) from None
    return parse_yaml(text, path)


def _compose_with_libyaml(text: str):
    """The node tree by libyaml (many times faster), or None to let the pure-Python loader
    compose it and word any problem. An alias shows up as a node reached twice."""
    loader_class = getattr(yaml, "CSafeLoader", None)
    if loader_class is None:
        return None
    try:
        loader = loader_class(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError:
        return None
    seen, todo = set(), [root] if root is not None else []
    while todo:
        node = todo.pop()
        if id(node) in seen:
            return None
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                todo += (key, value)
        elif isinstance(node, yaml.SequenceNode):
            todo += node.value
    return root


def _compose(text: str):
    root = _compose_with_libyaml(text)
    if root is not None:
        return root
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def parse_yaml(text: str, path: Path | str = "<string>") -> Node:
    try:
        root = _compose(text)
    except SourceError as exc:
        raise SourceError(exc.message, path, exc.line, hint=exc.hint) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise SourceError(f"invalid YAML: {exc.problem or exc.context}", path, line,
                          hint="check the indentation and quoting around this line") from None
    except yaml.YAMLError as exc:
        raise SourceError(f"invalid YAML: {exc}", path) from None
    if root is None:
        raise SourceError("file is empty", path)
    return _convert(root, path)


def _convert(node, path) -> Node:
    line = node.start_mark.line + 1
    if node.tag and node.tag.startswith("tag:yaml.org,2002:") is False:
        raise SourceError(f"YAML tag {node.tag} is not allowed", path, line)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise SourceError("mapping keys must be plain words", path,
                                  key_node.start_mark.line + 1)
            key = key_node.value
            if key in out:
                raise SourceError(f"key {key!r} appears twice", path,
                                  key_node.start_mark.line + 1)
            out[key] = _convert(value_node, path)
        return Node(out, line)
    if isinstance(node, yaml.SequenceNode):
        return Node([_convert(n, path) for n in node.value], line)
    return Node(_scalar(node), line)


def _scalar(node: yaml.ScalarNode):
    """Strings stay strings; plain true/false/integers become Python values."""
    plain = not node.style  # None from PyYAML's own parser, "" from libyaml
    if plain and node.tag == "tag:yaml.org,2002:bool":
        return node.value.lower() in ("true", "yes", "on")
    if plain and node.tag == "tag:yaml.org,2002:int":
        try:
            return int(node.value)
        except ValueError:
            return node.value
    if plain and node.tag == "tag:yaml.org,2002:null":
        return None
    return node.value
