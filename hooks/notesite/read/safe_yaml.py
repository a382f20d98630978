"""YAML's safe loader with limits, for front matter that may be hostile or just odd.

- Nesting deeper than `MAX_DEPTH` stops the load (PyYAML composes recursively, so a deep
  `[[[[…` would otherwise end in RecursionError).
- An alias inside the value it names (`a: &a [*a]`) stops the load: such a value has no end.
- Aliases may not blow the document up: its size with every alias expanded (values plus
  characters of text) may be at most `EXPANSION` times its own length, plus a small allowance,
  so a "billion laughs" stops before anything is built.
- A value its tag cannot build (`!!float heavy`, `!!timestamp soon`, an unknown tag such as
  `!foo`) is kept as the text it was written as, and reported as a problem with its line;
  collections with such a tag are built as plain lists and mappings. Untagged text that YAML
  only took for a number or a date it cannot build (`2025-13-40`, 5,000 digits) is kept as text
  silently: the author wrote text.

Errors that stop the load are `yaml.YAMLError`s with a mark, like YAML's own syntax errors
(libyaml, when PyYAML has it, also refuses escapes for half a character, such as "\\ud800").
"""

from __future__ import annotations

from typing import Any, cast

from yaml.composer import Composer, ComposerError
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.error import Mark
from yaml.events import AliasEvent, NodeEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

MAX_DEPTH = 64
EXPANSION = 10
ALLOWANCE = 10_000


try:
    # libyaml's scanner and parser, three times as fast; composing stays the Python code below.
    from yaml._yaml import CParser as _Events
except ImportError:  # PyYAML built without libyaml

    class _Events(Reader, Scanner, Parser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)


class LimitedLoader(Composer, _Events, SafeConstructor, Resolver):
    """YAML's SafeLoader with the limits above; Composer comes first, so it composes the nodes."""

    def __init__(self, stream: str) -> None:
        _Events.__init__(self, stream)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self.problems: list[tuple[int, str]] = []  # (0-based line in the text, message)
        self._open_anchors: set[str] = set()
        self._depth = 0
        self._implicit: set[Node] = set()
        self._budget = EXPANSION * len(stream) + ALLOWANCE

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        # The composer asks for a node only where one starts.
        event = cast(NodeEvent, self.peek_event())
        # libyaml's marks serve as YAML's own (types-PyYAML does not say so).
        mark = cast(Mark | None, event.start_mark)
        if self.check_event(AliasEvent):
            if event.anchor in self._open_anchors:
                raise ComposerError(None, None, f"alias *{event.anchor} is inside the value it names", mark)
            return super().compose_node(parent, index)
        if self._depth >= MAX_DEPTH:
            raise ComposerError(None, None, f"values are nested more than {MAX_DEPTH} deep", mark)
        anchor = event.anchor
        self._depth += 1
        if anchor is not None:
            self._open_anchors.add(anchor)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1
            self._open_anchors.discard(anchor)

    # `anchor` is the anchor's name or None (types-PyYAML has a dict there).
    def compose_scalar_node(self, anchor: Any) -> ScalarNode:
        tag = cast(ScalarEvent, self.peek_event()).tag
        node = super().compose_scalar_node(anchor)
        if tag is None or tag == "!":
            self._implicit.add(node)
        return node

    def get_single_node(self) -> Node | None:
        node = super().get_single_node()
        if node is not None and _expanded_size(node, {}, self._budget) > self._budget:
            raise ComposerError(
                None,
                None,
                "aliases expand the front matter to more than "
                f"{EXPANSION} times its size; write the values out instead",
                node.start_mark,
            )
        return node

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        deep_before = self.deep_construct
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, AttributeError, OverflowError, ConstructorError) as error:
            # Undo what the failed constructor left behind, then keep what was written.
            self.recursive_objects.pop(node, None)
            self.deep_construct = deep_before
            if not isinstance(node, ScalarNode | SequenceNode | MappingNode) or _is_plain(node):
                raise
            value = self._as_written(node)
            self.constructed_objects[node] = value
            # Text YAML took for a number or date (`2025-13-40`) is text the author wrote: no message.
            if node not in self._implicit:
                self.problems.append((node.start_mark.line, _describe(node, error)))
            return value

    def _as_written(self, node: Node) -> Any:
        if isinstance(node, ScalarNode):
            return node.value
        if isinstance(node, SequenceNode):
            return [self.construct_object(child, deep=True) for child in node.value]
        return {
            _hashable(self.construct_object(key, deep=True)): self.construct_object(value, deep=True)
            for key, value in node.value
        }


def load(text: str) -> tuple[Any, list[tuple[int, str]]]:
    """The document in `text` and the values kept as text, by 0-based line; YAMLError if unreadable."""
    loader = LimitedLoader(text)
    try:
        return loader.get_single_data(), loader.problems
    finally:
        loader.dispose()


def _expanded_size(node: Node, sizes: dict[int, int], budget: int) -> int:
    """Values plus characters of text with every alias expanded; stops counting past `budget`."""
    if id(node) in sizes:
        return sizes[id(node)]
    if isinstance(node, ScalarNode):
        size = 1 + len(node.value)
    else:
        children = node.value if isinstance(node, SequenceNode) else [n for pair in node.value for n in pair]
        size = 1
        for child in children:
            size += _expanded_size(child, sizes, budget)
            if size > budget:
                break
    sizes[id(node)] = size
    return size


def _is_plain(node: Node) -> bool:
    """Nodes YAML's own plain constructors failed on: their errors are real, such as unhashable keys."""
    return node.tag in ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:str")


def _hashable(key: Any) -> Any:
    return key if isinstance(key, str | int | float | bool | None) else str(key)


def _describe(node: Node, error: Exception) -> str:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    if isinstance(error, ConstructorError) and "could not determine a constructor" in str(error):
        return f"the tag {tag} is not one YAML's safe loader knows; the value is kept as written"
    if isinstance(node, ScalarNode):
        shown = node.value if len(node.value) <= 40 else node.value[:40] + "…"
        return f"'{shown}' cannot be read as {tag}; it is kept as written"
    kind = "list" if isinstance(node, SequenceNode) else "mapping"
    return f"the value cannot be read as {tag}; it is kept as a plain {kind}"
