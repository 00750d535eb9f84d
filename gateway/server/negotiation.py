"""Pick a response media type from the ``Accept`` header (RFC 9110 §12.5.1).

Only what GraphQL-over-HTTP needs: media ranges with wildcards and ``q`` weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

JSON = "application/json"
GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
HTML = "text/html"


@dataclass(frozen=True)
class _MediaRange:
    type: str
    subtype: str
    q: float
    position: int

    def specificity(self, media_type: str) -> int:
        """How closely this range names ``media_type``: 2 exact, 1 ``type/*``, 0 ``*/*``, -1 no match."""
        type_, _, subtype = media_type.partition("/")
        if self.type == "*":
            return 0
        if self.type != type_:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == subtype else -1


def _parse_accept(header: str) -> list[_MediaRange]:
    ranges: list[_MediaRange] = []
    for position, item in enumerate(header.split(",")):
        media_range, *params = (part.strip() for part in item.split(";"))
        type_, slash, subtype = media_range.lower().partition("/")
        if not slash or not type_ or not subtype:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = -1.0  # a garbled weight: drop the range rather than guess
        if 0.0 <= q <= 1.0:
            ranges.append(_MediaRange(type_, subtype, q, position))
    return ranges


def negotiate(accept: str | None, offers: Sequence[str]) -> str | None:
    """The offer the client prefers, or None when it accepts none of them.

    Higher ``q`` wins, then the range the client listed first (clients list in
    priority order), then the earlier offer. That last rule makes an absent or
    ``*/*`` Accept header pick the first offer, so callers put the legacy-safe
    type first.
    """
    ranges = _parse_accept(accept) if accept and accept.strip() else [_MediaRange("*", "*", 1.0, 0)]
    best: str | None = None
    best_key: tuple[float, int] | None = None
    for offer in offers:
        matching = [r for r in ranges if r.specificity(offer) >= 0]
        if not matching:
            continue
        # RFC 9110: the most specific matching range decides the weight.
        chosen = max(matching, key=lambda r: (r.specificity(offer), -r.position))
        if chosen.q == 0:
            continue
        key = (chosen.q, -chosen.position)
        if best_key is None or key > best_key:
            best, best_key = offer, key
    return best
