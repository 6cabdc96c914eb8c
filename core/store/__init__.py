"""The workspace store: one DuckDB database per company, reached only through this package.

Every value is a bound parameter; no SQL text is ever built from user input. Connections are
locked down (`connection`); the schema and its migrations are in `schema`; each group of tables has
its module, and `snapshot` turns the whole workspace into the workspace file's dict and back.
"""

from core.records import Assessment, CommitResult, Correction, Observation
from core.store.assessments import AssessmentTables
from core.store.base import Clock, ReadOnlyWorkspace
from core.store.connection import HARDENED_CONFIG, connect, shared_file_connection
from core.store.inventory import InventoryTables
from core.store.kpis import KpiTables
from core.store.plan import PlanTables
from core.store.reviews import ReviewTables
from core.store.schema import MIGRATIONS, SCHEMA_VERSION, NewerSchema, migrate, schema_version
from core.store.snapshot import CLEAR_WORKSPACE, WORKSPACE_TABLES, Snapshots


class Store(AssessmentTables, KpiTables, PlanTables, InventoryTables, ReviewTables, Snapshots):
    """One workspace: every group of tables, over one connection and one clock."""


__all__ = ["Assessment", "CLEAR_WORKSPACE", "Clock", "CommitResult", "Correction", "HARDENED_CONFIG", "MIGRATIONS",
           "NewerSchema", "Observation", "ReadOnlyWorkspace", "SCHEMA_VERSION", "Store", "WORKSPACE_TABLES",
           "connect", "migrate", "schema_version", "shared_file_connection"]
