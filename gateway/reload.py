"""Hot supergraph reload: one :class:`Gateway` per supergraph, swapped atomically.

:class:`ReloadingPipeline` is what the HTTP server serves (``gateway.server.app.Pipeline``).
Each request runs on the generation (a ``Gateway`` over one supergraph) that was current
when it arrived, to its end; a reload builds the next generation aside and replaces the
current one in a single assignment. All generations share one subgraph transport (one
connection pool), closed once at shutdown; a retired generation is shut down when its
last in-flight request finishes.

A watcher (:mod:`gateway.watchers`) proposes new supergraph SDLs every ``poll_interval``
seconds. Whatever fails (an unreachable subgraph, a composition error, a supergraph that
does not load) is logged and the current supergraph keeps serving.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .composition import CompositionIssue, compose
from .config import GatewayConfig
from .executors.transport import SubgraphRequest, Transport
from .pipeline import Gateway, make_transport
from .request import GraphQLRequest, GraphQLResponse
from .sources import format_issue, load_sources
from .supergraph import SupergraphError, load_supergraph
from .supergraph.model import Supergraph
from .watchers import SubgraphPoller, SupergraphFileWatcher, Watcher, sdl_digest

logger = logging.getLogger("tongban.reload")


class _SharedTransport:
    """The one transport every generation uses; a generation's shutdown leaves it open."""

    def __init__(self, inner: Transport) -> None:
        self.inner = inner

    async def send(self, request: SubgraphRequest) -> dict[str, Any]:
        return await self.inner.send(request)

    async def close(self) -> None:
        pass  # closed by ReloadingPipeline.shutdown, once


@dataclass(eq=False)
class _Generation:
    number: int
    gateway: Gateway
    digest: str
    in_flight: int = 0
    retired: bool = False


class ReloadingPipeline:
    """Serves the current supergraph and swaps in new ones (see the module docstring)."""

    def __init__(
        self,
        supergraph: Supergraph,
        sdl: str,
        config: GatewayConfig,
        watcher: Watcher | None = None,
        transport: Transport | None = None,
    ) -> None:
        self.config = config
        self.watcher = watcher
        self._transport = transport or make_transport(config)
        self._shared = _SharedTransport(self._transport)
        self._current = _Generation(1, Gateway(supergraph, config, self._shared), sdl_digest(sdl))
        self._retired: set[_Generation] = set()
        self._task: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()

    # ------------------------------------------------------------ Pipeline

    @property
    def ready(self) -> bool:
        return True  # built with a supergraph; reloads never leave it without one

    @property
    def gateway(self) -> Gateway:
        return self._current.gateway

    @property
    def generation(self) -> int:
        return self._current.number

    async def handle(self, request: GraphQLRequest) -> GraphQLResponse:
        generation = self._current
        generation.in_flight += 1
        try:
            return await generation.gateway.handle(request)
        finally:
            generation.in_flight -= 1
            if generation.retired and generation.in_flight == 0:
                await self._close(generation)

    async def startup(self) -> None:
        await self._current.gateway.startup()
        if self.watcher is not None:
            self._task = asyncio.create_task(self._watch(), name="tongban-supergraph-watch")

    async def shutdown(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        if self.watcher is not None:
            await self.watcher.close()
        for generation in (*self._retired, self._current):
            await generation.gateway.shutdown()
        self._retired.clear()
        await self._transport.close()

    # ------------------------------------------------------------- reloads

    async def apply(self, sdl: str, origin: str) -> bool:
        """Load ``sdl`` and make it current; False (logged) when it is unchanged or invalid."""
        async with self._lock:
            digest = sdl_digest(sdl)
            if digest == self._current.digest:
                return False
            try:
                supergraph = await asyncio.to_thread(load_supergraph, sdl, source_name=origin)
            except SupergraphError as error:
                logger.error("keeping the current supergraph: the new one from %s does not load: %s", origin, error)
                return False
            gateway = Gateway(supergraph, self.config, self._shared)
            await gateway.startup()
            old, self._current = self._current, _Generation(self._current.number + 1, gateway, digest)
            logger.info(
                "supergraph reloaded from %s (generation %d, %d subgraphs)",
                origin,
                self._current.number,
                len(supergraph.subgraphs),
            )
            old.retired = True
            if old.in_flight == 0:
                await self._close(old)
            else:
                self._retired.add(old)
            return True

    async def _close(self, generation: _Generation) -> None:
        self._retired.discard(generation)
        try:
            await generation.gateway.shutdown()
        except Exception:
            logger.exception("shutting down supergraph generation %d failed", generation.number)

    async def _watch(self) -> None:
        assert self.watcher is not None
        interval = self.config.supergraph.poll_interval
        while True:
            await asyncio.sleep(interval)
            try:
                sdl = await self.watcher.poll()
                if sdl is not None:
                    await self.apply(sdl, self.watcher.origin)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("supergraph reload failed; keeping the current supergraph")


class CompositionFailed(Exception):
    """The subgraphs do not compose: ``errors`` says why."""

    def __init__(self, errors: tuple[CompositionIssue, ...]) -> None:
        super().__init__(f"composition failed with {len(errors)} error{'s' if len(errors) != 1 else ''}")
        self.errors = errors


def build_pipeline(
    config: GatewayConfig, supergraph_path: str | Path | None = None, watch: bool = False
) -> Gateway | ReloadingPipeline:
    """What ``tongban serve`` serves.

    With ``supergraph_path``: that file, reloaded on change when ``watch``. Without: the
    config's subgraphs composed now (:class:`SourceError`, :class:`CompositionFailed`),
    then polled for changes. Raises ``ConfigError`` / ``SupergraphError`` on bad input.
    """
    if supergraph_path is not None:
        path = Path(supergraph_path)
        try:
            sdl = path.read_text(encoding="utf-8")
        except OSError as error:
            raise SupergraphError(f"cannot read supergraph {path}: {error.strerror}") from error
        supergraph = load_supergraph(sdl, source_name=str(path))
        if not watch:
            return Gateway(supergraph, config)
        return ReloadingPipeline(supergraph, sdl, config, SupergraphFileWatcher(path, sdl))
    sources = load_sources(config)
    result = compose(sources)
    for hint in result.hints:
        logger.info("%s", format_issue("hint", hint))
    if not result.ok or result.supergraph_sdl is None:
        raise CompositionFailed(result.errors)
    supergraph = load_supergraph(result.supergraph_sdl, source_name="composed supergraph")
    logger.info("composed %d subgraphs: %s", len(sources), ", ".join(s.name for s in sources))
    return ReloadingPipeline(supergraph, result.supergraph_sdl, config, SubgraphPoller(config, sources))
