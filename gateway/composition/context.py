"""``@context`` / ``@fromContext`` helpers."""

from __future__ import annotations

import re

_CONTEXT = re.compile(
    r"^(?:[\n\r\t ,]|#[^\n\r]*(?![^\n\r]))*\$(?:[\n\r\t ,]|#[^\n\r]*(?![^\n\r]))*([A-Za-z_]\w*(?!\w))([\s\S]*)$"
)


def parse_context(value: str) -> tuple[str | None, str | None]:
    """``"$ctx { id }"`` -> ``("ctx", " { id }")`` (Apollo's ``parseContext``)."""
    match = _CONTEXT.match(value)
    if match is None:
        return None, None
    return match.group(1), match.group(2)
