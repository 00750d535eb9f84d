"""Public Security — household registration (公安 · 户籍): owns Person and Household."""

from ..common.server import Department
from .data import TABLES, rows
from .schema import schema

DEPARTMENT = Department(
    name="household",
    title="Public Security — household registration (公安·户籍)",
    schema=schema,
    tables=TABLES,
    rows=rows,
    default_port=4001,
)
