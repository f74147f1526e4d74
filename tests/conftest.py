"""Shared test set-up: a missing translation key raises instead of rendering the key."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ["BACKPROP_LAB_STRICT_I18N"] = "1"
if str(ROOT) not in sys.path:  # `ui` is not installed as a package; the app runs from its folder
    sys.path.insert(0, str(ROOT))


def pytest_terminal_summary(terminalreporter) -> None:
    """One line that says whether the real-browser tests ran (CI must show them passed)."""
    counts = {
        outcome: sum(1 for r in terminalreporter.stats.get(outcome, []) if "tests/browser/" in
                     getattr(r, "nodeid", ""))
        for outcome in ("passed", "failed", "skipped", "error")
    }
    terminalreporter.write_line(
        "browser tests: " + ", ".join(f"{n} {outcome}" for outcome, n in counts.items())
    )
