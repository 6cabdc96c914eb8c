"""Imports flow one way: app and pages → ui → core. The rules live in .importlinter; pages are scripts
(their names start with a digit, so no import graph can hold them) and are read here."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
SHARED_UI = {"ui.assessments", "ui.bootstrap", "ui.clock", "ui.controls", "ui.evidence", "ui.format", "ui.pictures",
             "ui.projection", "ui.respondents", "ui.table_edits", "ui.voting"}
SCREEN_MODULES = {"app.py": {"ui.home", "ui.workspace"}, "1_assessment.py": {"ui.questionnaire"},
                  "2_result.py": {"ui.result", "ui.forms"}, "3_compare.py": {"ui.result"}, "4_import.py": {"ui.importing"},
                  "5_dashboard.py": {"ui.dashboard"}, "6_plan.py": {"ui.plan"}, "7_inventory.py": {"ui.inventory"},
                  "8_review.py": {"ui.review"}, "9_join.py": {"ui.join"}}


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
    return names


def test_the_import_contracts_hold():
    run = subprocess.run([sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; "
                          "sys.exit(lint_imports_command())", "--config", str(ROOT / ".importlinter"), "--no-cache",
                          "--no-logo"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout and "6 kept" in run.stdout


def test_every_package_module_is_in_the_import_graph():
    # A folder without __init__.py would be left out of the graph, and so out of every contract.
    for folder in ("core", "ui"):
        for sub in (ROOT / folder).rglob("*"):
            if sub.is_dir() and sub.name != "__pycache__":
                assert (sub / "__init__.py").exists() or not any(sub.glob("*.py")), sub


def test_pages_import_shared_ui_their_own_screen_and_core_only():
    for script in SCRIPTS:
        ours = {m for m in imported(script) if m.split(".")[0] in ("ui", "core", "pages", "app", "benchmarks", "tests")}
        allowed = SHARED_UI | SCREEN_MODULES[script.name]
        assert {m for m in ours if not m.startswith("core.") and m != "core"} <= allowed, script.name


def test_nothing_imports_a_page_or_the_app():
    code = [*ROOT.glob("core/**/*.py"), *ROOT.glob("ui/**/*.py"), *SCRIPTS]
    for path in code:
        assert not {m for m in imported(path) if m.split(".")[0] in ("pages", "app")}, path.name
