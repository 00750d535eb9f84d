"""Human Resources & Social Security (人社): social insurance and employment."""

from ..common.server import Department
from .data import TABLES, rows
from .schema import schema

DEPARTMENT = Department(
    name="social_security",
    title="Human Resources & Social Security (人社)",
    schema=schema,
    tables=TABLES,
    rows=rows,
    default_port=4003,
)
