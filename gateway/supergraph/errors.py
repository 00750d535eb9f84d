"""Errors raised while reading a supergraph."""

from __future__ import annotations

from graphql import Node


class SupergraphError(Exception):
    """A supergraph that cannot be loaded; the message names the location."""

    def __init__(self, message: str, node: Node | None = None, source_name: str | None = None) -> None:
        location = ""
        if node is not None and node.loc is not None:
            line, column = _line_column(node.loc.source.body, node.loc.start)
            location = f"{source_name or node.loc.source.name}:{line}:{column}: "
        super().__init__(f"{location}{message}")
        self.node = node


def _line_column(body: str, offset: int) -> tuple[int, int]:
    line = body.count("\n", 0, offset) + 1
    column = offset - (body.rfind("\n", 0, offset) + 1) + 1
    return line, column
