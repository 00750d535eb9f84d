"""Per-request context: the department's database and its DataLoaders.

Every lookup by key goes through a DataLoader created for the request, so the loads that
graphql-core starts together (the items of an ``_entities`` list, the members of a
household...) become one ``SELECT ... WHERE key IN (...)``: an ``_entities`` call with N
representations costs one query per type, whatever N is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

from strawberry.dataloader import DataLoader
from strawberry.types import Info

from .storage import Database

Row = dict[str, Any]


@dataclass
class RequestContext:
    db: Database
    request: Any = None
    response: Any = None
    _loaders: dict[str, DataLoader[Any, Any]] = field(default_factory=dict)

    def loader(self, name: str, batch: Callable[[list[Any]], Awaitable[Sequence[Any]]]) -> DataLoader[Any, Any]:
        """The request's DataLoader called ``name`` (created on first use)."""
        found = self._loaders.get(name)
        if found is None:
            found = self._loaders[name] = DataLoader(load_fn=batch)
        return found

    def row(self, sql: str, key: str | tuple[str, ...]) -> DataLoader[Any, Row | None]:
        """Load one row per key; ``sql`` filters with ``WHERE <key> IN ?``."""

        async def batch(keys: list[Any]) -> list[Row | None]:
            rows = await self.db.fetch(sql, keys)
            found = {_key_of(row, key): row for row in rows}
            return [found.get(k) for k in keys]

        return self.loader(f"row:{sql}", batch)

    def rows(self, sql: str, key: str | tuple[str, ...]) -> DataLoader[Any, list[Row]]:
        """Load the list of rows of each key (in the query's order); ``WHERE <key> IN ?``."""

        async def batch(keys: list[Any]) -> list[list[Row]]:
            groups: dict[Hashable, list[Row]] = defaultdict(list)
            for row in await self.db.fetch(sql, keys):
                groups[_key_of(row, key)].append(row)
            return [groups.get(k, []) for k in keys]

        return self.loader(f"rows:{sql}", batch)


def _key_of(row: Row, key: str | tuple[str, ...]) -> Hashable:
    if isinstance(key, str):
        return row[key]
    return tuple(row[k] for k in key)


def context(info: Info) -> RequestContext:
    return info.context
