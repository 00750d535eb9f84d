"""Health (卫健 / 医保): medical insurance, vaccinations, medical assistance."""

from ..common.server import Department
from .data import TABLES, rows
from .schema import schema

DEPARTMENT = Department(
    name="health",
    title="Health (卫健·医保)",
    schema=schema,
    tables=TABLES,
    rows=rows,
    default_port=4006,
)
