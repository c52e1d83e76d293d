"""The in-process web tests once more, against PostgreSQL (TEST_DATABASE_URL).

pytest-django runs one database per session, so the SQLite session cannot switch; this test
starts a second pytest session with BAROMETER_TEST_INPROCESS_DB pointing at PostgreSQL
(pytest-django creates and drops its own ``test_<name>`` database: the role needs CREATEDB).
Skipped when TEST_DATABASE_URL is not set; fails when it is set and the server is unusable.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
IN_PROCESS = [
    "test_survey_views.py",
    "test_security.py",
    "test_mail.py",
    "test_operations.py",
    "test_text_input.py",
    "test_admin.py",
    "test_quote_approval.py",
]


@pytest.mark.external
def test_in_process_suite_on_postgresql(tmp_path: Path) -> None:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.skip("TEST_DATABASE_URL is not set")
    # DATABASE_URL too: the parent set DJANGO_SETTINGS_MODULE, so pytest-django reads the
    # settings in the child before conftest.py runs.
    env = {**os.environ, "BAROMETER_TEST_INPROCESS_DB": url, "DATABASE_URL": url}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(HERE.parents[1]),
            *(str(HERE / name) for name in IN_PROCESS),
        ],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert " passed" in result.stdout and "failed" not in result.stdout
