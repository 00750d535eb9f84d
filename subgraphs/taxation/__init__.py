"""Taxation (税务): tax registrations, filings, credit ratings, individual income tax."""

from ..common.server import Department
from .data import TABLES, rows
from .schema import schema

DEPARTMENT = Department(
    name="taxation",
    title="Taxation (税务)",
    schema=schema,
    tables=TABLES,
    rows=rows,
    default_port=4005,
)
