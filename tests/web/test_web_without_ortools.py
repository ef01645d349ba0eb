"""The web app imports without OR-Tools: web processes check schedules with the pure checker only."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
import forum.web.app, forum.web.asgi
from forum.config import Settings
app = forum.web.app.create_app(Settings(redis_url="redis://127.0.0.1:1/0"))
loaded = sorted(m for m in sys.modules if m == "ortools" or m.startswith(("ortools.", "forum.solver")))
print(",".join(loaded))
"""


def test_web_app_import_loads_no_ortools() -> None:
    # A fresh interpreter: this test process may have loaded the solver for other tests.
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"the web app loaded {done.stdout.strip()}"


def test_web_probe_sees_ortools_when_the_solver_is_imported() -> None:
    # The probe itself must be able to fail: importing the search does load OR-Tools.
    probe = PROBE.replace("import forum.web.app, forum.web.asgi", "import forum.web.app, forum.web.asgi, forum.solver")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert "ortools" in done.stdout
