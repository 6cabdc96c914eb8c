"""The business inventory: each process from the old procedure down to who handles its exceptions."""

from __future__ import annotations

from core.store.base import StoreBase, as_dicts

PROCESS_COLUMNS = ("name", "old_procedure", "new_procedure", "exceptions", "exception_owner", "paper_steps",
                   "double_entry", "double_entries_per_month", "resolved")
PROCESS_INSERT = ("INSERT INTO processes (position, name, old_procedure, new_procedure, exceptions, exception_owner,"
                  " paper_steps, double_entry, double_entries_per_month, resolved) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
PROCESS_SELECT = ("SELECT name, old_procedure, new_procedure, exceptions, exception_owner, paper_steps, double_entry,"
                  " double_entries_per_month, resolved FROM processes ORDER BY position")


class InventoryTables(StoreBase):
    def processes(self) -> list[dict]:
        return as_dicts(self._cursor().execute(PROCESS_SELECT))

    def save_processes(self, processes: list[dict]) -> None:
        self._replace_all("DELETE FROM processes", PROCESS_INSERT,
                          [[i, *(p.get(c) for c in PROCESS_COLUMNS)] for i, p in enumerate(processes)])
