"""Identical requests in flight at the same time share one execution.

Under load many clients send the same query (a portal's landing page); executing it once
and handing every waiter the same result saves the subgraphs and the gateway the work.
Only side-effect-free operations (queries) may share, and the key holds everything the
result depends on: the operation, its variables and the headers that may change it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class InFlight(Generic[T]):
    def __init__(self) -> None:
        self._running: dict[Hashable, asyncio.Future[T]] = {}

    async def run(self, key: Hashable, execute: Callable[[], Awaitable[T]]) -> T:
        """The result of ``execute()``, or of the identical call already running."""
        running = self._running.get(key)
        if running is not None:
            return await asyncio.shield(running)
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._running[key] = future
        try:
            result = await execute()
        except BaseException as error:
            future.set_exception(error)
            future.exception()  # retrieved: waiters re-raise it, no "never retrieved" warning
            raise
        else:
            future.set_result(result)
            return result
        finally:
            del self._running[key]

    def __len__(self) -> int:
        return len(self._running)
