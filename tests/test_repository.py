"""The README's promises about the repository hold."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"))


def test_readme_opens_with_run_and_test_commands():
    run, test = readme_commands()[:2]
    assert "streamlit run app.py" in run and "127.0.0.1" in run
    assert test.endswith("pytest")


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert readme_commands()[1] in ci


def test_requirements_are_pinned():
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text().splitlines():
            if line and not line.startswith(("#", "-r")):
                assert "==" in line, line


def test_every_setting_and_environment_variable_is_documented():
    from core.settings import Setting

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = [p for p in ROOT.rglob("*.py") if ".git" not in p.parts] + [ROOT / ".ci" / "run"]
    variables = {name for p in code for name in re.findall(r"TEICHAKU_[A-Z_]+", p.read_text(encoding="utf-8"))}
    assert "TEICHAKU_STORAGE" in variables
    assert sorted(v for v in variables if f"`{v}" not in readme) == []
    assert [s.value for s in Setting if f"`{s.value}`" not in readme] == []
