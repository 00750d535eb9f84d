"""Watchers proposing a new supergraph SDL to :class:`gateway.reload.ReloadingPipeline`.

:class:`SubgraphPoller` re-reads the subgraphs' SDLs (fetched, or from ``sdl_file``) and
re-composes when one changed; :class:`SupergraphFileWatcher` re-reads a supergraph file
when it changed. Both log what goes wrong and propose nothing then.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from pathlib import Path
from typing import Protocol

import httpx

from .composition import SubgraphSource, compose
from .config import GatewayConfig
from .sources import SourceError, format_issue, gather_sources

logger = logging.getLogger("tongban.reload")


def sdl_digest(sdl: str) -> str:
    return hashlib.sha256(sdl.encode()).hexdigest()


class Watcher(Protocol):
    """Proposes a new supergraph SDL, or None (nothing changed, or a failure it logged)."""

    #: where proposals come from, for logs
    origin: str

    async def poll(self) -> str | None: ...

    async def close(self) -> None: ...


class SubgraphPoller:
    """Re-reads every subgraph's SDL; re-composes when the set changed since the last try."""

    origin = "subgraph composition"

    def __init__(self, config: GatewayConfig, sources: list[SubgraphSource]) -> None:
        self.config = config
        self._last = tuple(sources)
        self._last_failure: str | None = None
        self._client: httpx.AsyncClient | None = None

    async def poll(self) -> str | None:
        if self._client is None:
            self._client = httpx.AsyncClient()
        try:
            sources = tuple(await gather_sources(self.config, self._client))
        except SourceError as error:
            message = str(error)
            log = logger.warning if message != self._last_failure else logger.debug
            log("cannot re-read subgraph SDLs, keeping the current supergraph: %s", message)
            self._last_failure = message
            return None
        self._last_failure = None
        if sources == self._last:
            return None
        changed = [s.name for s in sources if s not in self._last]
        self._last = sources  # a failing set is composed once, not at every poll
        logger.info("subgraph SDL changed (%s): re-composing", ", ".join(changed) or "subgraph removed")
        result = await asyncio.to_thread(compose, sources)
        for hint in result.hints:
            logger.info("%s", format_issue("hint", hint))
        if not result.ok:
            for issue in result.errors:
                logger.error("%s", format_issue("error", issue))
            logger.error("composition failed with %d errors; keeping the current supergraph", len(result.errors))
            return None
        return result.supergraph_sdl

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


class SupergraphFileWatcher:
    """Re-reads a supergraph file when its mtime or size changes and its content did."""

    def __init__(self, path: str | Path, sdl: str) -> None:
        self.path = Path(path)
        self.origin = str(self.path)
        self._stamp = self._stat()
        self._digest = sdl_digest(sdl)

    def _stat(self) -> tuple[int, int] | None:
        try:
            stat = self.path.stat()
        except OSError:
            return None
        return stat.st_mtime_ns, stat.st_size

    async def poll(self) -> str | None:
        stamp = self._stat()
        if stamp is None:
            if self._stamp is not None:
                logger.warning("supergraph file %s is gone; keeping the current supergraph", self.path)
            self._stamp = None
            return None
        if stamp == self._stamp:
            return None
        try:
            sdl = await asyncio.to_thread(self.path.read_text, encoding="utf-8")
        except OSError as error:
            logger.warning("cannot read %s (%s); keeping the current supergraph", self.path, error.strerror)
            return None
        self._stamp = stamp
        digest = sdl_digest(sdl)
        if digest == self._digest:
            return None
        self._digest = digest
        return sdl

    async def close(self) -> None:
        pass
