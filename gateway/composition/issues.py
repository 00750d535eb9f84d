"""Collecting errors and hints with Apollo's codes and message conventions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from . import CompositionIssue

_CUTOFF = 100  # Apollo's DEFAULT_HUMAN_READABLE_LIST_CUTOFF_LENGTH


def human_list(
    names: Sequence[str],
    prefix: str | None = None,
    prefix_plural: str | None = None,
    cutoff: int = _CUTOFF,
    last_sep: str = " and ",
) -> str:
    """Apollo's ``printHumanReadableList``: ``subgraphs "a", "b" and "c"``."""
    if not names:
        return ""
    if len(names) == 1:
        return f"{prefix} {names[0]}" if prefix else names[0]
    last, length = 0, 0
    for name in names:
        length += len(name)
        if length <= cutoff:
            last += 1
    shown = list(names[: max(1, last)])
    actual_prefix = f"{prefix_plural} " if prefix_plural else (f"{prefix} " if prefix else "")
    if len(shown) == len(names):
        return actual_prefix + ", ".join(shown[:-1]) + last_sep + shown[-1]
    return actual_prefix + ", ".join(shown) + ", ..."


def subgraph_list(names: Sequence[str]) -> str:
    return human_list([f'"{n}"' for n in names], prefix="subgraph", prefix_plural="subgraphs")


class Reporter:
    """Errors and hints of one composition."""

    def __init__(self) -> None:
        self.errors: list[CompositionIssue] = []
        self.hints: list[CompositionIssue] = []

    def error(
        self, code: str, message: str, subgraphs: Iterable[str] = (), coordinates: Iterable[str] = ()
    ) -> CompositionIssue:
        issue = CompositionIssue(code, message, _unique(subgraphs), _unique(coordinates))
        self.errors.append(issue)
        return issue

    def hint(self, code: str, message: str, subgraphs: Iterable[str] = (), coordinates: Iterable[str] = ()) -> None:
        self.hints.append(CompositionIssue(code, message, _unique(subgraphs), _unique(coordinates)))

    def distribution(
        self,
        supergraph_value: str | None,
        elements: Sequence[tuple[str, str | None]],
        supergraph_printer: Callable[[str, str | None], str],
        other_printer: Callable[[str, str], str],
    ) -> list[str]:
        """Apollo's ``reportMismatch``: subgraphs grouped by the value they have.

        ``elements``: (subgraph, printed value); ``None`` values are left out, ``""`` stands
        for a subgraph lacking the element when it must be listed.
        """
        groups: dict[str, list[str]] = {}
        for subgraph, value in elements:
            if value is None:
                continue
            groups.setdefault(value, []).append(subgraph)
        key = supergraph_value or ""
        like = groups.get(key)
        parts = [supergraph_printer(key, subgraph_list(like) if like else None)]
        for value, names in groups.items():
            if value != key:
                parts.append(other_printer(value, subgraph_list(names)))
        return parts

    def mismatch_error(
        self,
        code: str,
        message: str,
        supergraph_value: str | None,
        elements: Sequence[tuple[str, str | None]],
        coordinates: Iterable[str] = (),
    ) -> None:
        parts = self.distribution(supergraph_value, elements, lambda v, s: f"{v} in {s}", lambda v, s: f"{v} in {s}")
        self.error(
            code,
            message + join_strings(parts, " and ", " but "),
            [s for s, v in elements if v is not None],
            coordinates,
        )

    def mismatch_specific(
        self,
        code: str,
        message: str,
        supergraph_value: str | None,
        elements: Sequence[tuple[str, str | None]],
        supergraph_printer: Callable[[str, str | None], str],
        other_printer: Callable[[str, str], str],
        coordinates: Iterable[str] = (),
        *,
        hint: bool = False,
        end_dot: bool = True,
    ) -> None:
        parts = self.distribution(supergraph_value, elements, supergraph_printer, other_printer)
        text = message + parts[0] + join_strings(parts[1:], " and ")
        subgraphs = [s for s, v in elements if v is not None]
        if hint:
            self.hint(code, text + ("." if end_dot else ""), subgraphs, coordinates)
        else:
            self.error(code, text, subgraphs, coordinates)


def join_strings(items: Sequence[str], sep: str = ", ", first_sep: str | None = None, last_sep: str = " and ") -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return items[0] + (first_sep or last_sep) + items[1]
    return items[0] + (first_sep or sep) + sep.join(items[1:-1]) + last_sep + items[-1]


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))
