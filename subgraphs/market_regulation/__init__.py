"""Market Regulation (市场监管): owns Enterprise; licences."""

from ..common.server import Department
from .data import TABLES, rows
from .schema import schema

DEPARTMENT = Department(
    name="market_regulation",
    title="Market Regulation (市场监管)",
    schema=schema,
    tables=TABLES,
    rows=rows,
    default_port=4004,
)
