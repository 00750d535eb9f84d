"""Civil Affairs (民政): marriage registrations and social-assistance allowances."""

from ..common.server import Department
from .data import TABLES, rows
from .schema import schema

DEPARTMENT = Department(
    name="civil_affairs",
    title="Civil Affairs (民政)",
    schema=schema,
    tables=TABLES,
    rows=rows,
    default_port=4002,
)
