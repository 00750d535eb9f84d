"""Find the objects a fetch applies to, build their representations, merge answers back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..planner.plan import LIST_MARKER, InputField, InputFragment, InputSelection, OutputRename

Path = list[str | int]
#: a response path as nested ``(parent, key)`` pairs: free to extend, listed on demand
LinkedPath = tuple[Any, str | int] | None


class MissingKey(Exception):
    """A key or required field is absent: the object gets no representation."""


def objects_at(data: Any, path: tuple[str, ...]) -> list[tuple[dict[str, Any], LinkedPath]]:
    """Each object found under ``path`` with its response path (see :func:`listed`).

    Lists met on the way are walked item by item, so ``@`` markers are optional.
    """
    level: list[tuple[dict[str, Any], LinkedPath]] = []
    _expand(data, None, level)
    for segment in path:
        if segment == LIST_MARKER:
            continue
        found: list[tuple[dict[str, Any], LinkedPath]] = []
        for value, at in level:
            child = value.get(segment)
            if child is not None:
                _expand(child, (at, segment), found)
        level = found
    return level


def _expand(value: Any, at: LinkedPath, into: list[tuple[dict[str, Any], LinkedPath]]) -> None:
    if type(value) is dict:
        into.append((value, at))
    elif type(value) is list:
        for index, item in enumerate(value):
            if item is not None:
                _expand(item, (at, index), into)


def listed(path: LinkedPath) -> Path:
    """A linked ``(parent, key)`` path as the list a GraphQL error carries."""
    keys: Path = []
    while path is not None:
        path, key = path
        keys.append(key)
    keys.reverse()
    return keys


def _project(
    source: dict[str, Any], selections: tuple[InputSelection, ...], typename: str, matches: Callable[[str, str], bool]
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for selection in selections:
        if isinstance(selection, InputFragment):
            if matches(selection.type_condition, typename):
                result.update(_project(source, selection.selections, typename, matches))
            continue
        value = source.get(selection.data_key, _ABSENT)
        if value is _ABSENT:
            raise MissingKey(selection.name)
        result[selection.name] = _project_value(value, selection, matches)
    return result


def _project_value(value: Any, selection: InputField, matches: Callable[[str, str], bool]) -> Any:
    if not selection.selections or value is None:
        return value
    if isinstance(value, list):
        return [_project_value(item, selection, matches) for item in value]
    typename = value.get("__typename", "")
    return _project(value, selection.selections, typename, matches)


_ABSENT = object()


def representation(
    source: dict[str, Any], inputs: tuple[InputFragment, ...], matches: Callable[[str, str], bool]
) -> dict[str, Any] | None:
    """The ``_Any`` representation of ``source``, or None when no input applies or a key is missing."""
    typename = source.get("__typename")
    if not isinstance(typename, str):
        return None
    for fragment in inputs:
        if not matches(fragment.type_condition, typename):
            continue
        try:
            result = _project(source, fragment.selections, typename, matches)
        except MissingKey:
            return None
        if fragment.typename_as is not None:
            result["__typename"] = fragment.typename_as
        return result
    return None


def context_value(source: dict[str, Any], selections: tuple[InputSelection, ...]) -> Any:
    """The value a ``@fromContext`` selection (``{ prop }``, ``{ a { b } }``) picks from an object."""
    value: Any = source
    while selections and isinstance(value, dict):
        selection = selections[0]
        if isinstance(selection, InputFragment):
            selections = selection.selections
            continue
        if selection.name == "__typename" and len(selections) > 1:
            selections = selections[1:]
            continue
        value = value.get(selection.data_key)
        selections = selection.selections
    return value


def undo_renames(data: Any, renames: tuple[OutputRename, ...], is_concrete: Callable[[str], bool]) -> None:
    """Put fields the planner aliased back under their response keys (deepest first)."""
    for rename in renames:
        for obj, _ in objects_at(data, rename.path):
            if rename.alias in obj:
                deep_merge(obj, {rename.response_key: obj.pop(rename.alias)}, is_concrete)


def deep_merge(target: dict[str, Any], source: dict[str, Any], is_concrete: Callable[[str], bool]) -> None:
    """Merge a subgraph's answer into the response tree in place."""
    for key, value in source.items():
        existing = target.get(key, _ABSENT)
        if existing is _ABSENT or existing is None:
            target[key] = value
        elif key == "__typename":
            if not is_concrete(existing):
                target[key] = value
        elif isinstance(existing, dict) and isinstance(value, dict):
            deep_merge(existing, value, is_concrete)
        elif isinstance(existing, list) and isinstance(value, list) and len(existing) == len(value):
            for index, (old, new) in enumerate(zip(existing, value, strict=True)):
                if isinstance(old, dict) and isinstance(new, dict):
                    deep_merge(old, new, is_concrete)
                else:
                    existing[index] = new
        elif value is not None:
            target[key] = value
