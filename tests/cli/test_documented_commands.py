"""Every command the README and docs/cli.md show runs, as a user runs it: the installed
``barometer`` in a fresh process, in an empty folder, in the order the README shows them
(docs/cli.md's commands that the README does not show follow, in the reference's order).

The README's placeholders are filled in by :data:`CONCRETE` with files that earlier commands
wrote into the same folder; a README line without an entry there fails the test, and so does
a command of docs/cli.md that nothing runs. What is not run is listed in :data:`NOT_RUN`
with the reason. The database is a fresh SQLite file in the folder; e-mail goes to a real
SMTP server (aiosmtpd) on a free port; ``serve`` is started, asked, and stopped.
"""

from __future__ import annotations

import datetime
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
NEXT_YEAR = f"{datetime.date.today().year + 1}-06-30"

#: README line (comment removed) -> the command run. Placeholders become files written by
#: the commands before it; the optional parts in brackets are left out.
CONCRETE: dict[str, str] = {
    "barometer questionnaire check FILE.xlsx": "barometer questionnaire check questionnaire.xlsx",
    "barometer questionnaire diff A.xlsx B.xlsx": (
        "barometer questionnaire diff questionnaire.xlsx questionnaire-2025.xlsx"
    ),
    "barometer demo --out DIR [--seed N] [--pdf]": "barometer demo --out demo --quiet",
    "barometer report DATASET --out DIR [--lang nl|en] [--frame frame.csv] "
    "[--weighting frame|none] [--pdf]": (
        "barometer report demo/responses.parquet --out report --frame demo/frame.csv"
    ),
    "barometer feedback DATASET --out DIR [--org ID]": (
        "barometer feedback demo/responses.sav --out feedback"
    ),
    # WAVE2: the demo wave relabelled 2023 (prepared by the test: two waves need two labels)
    "barometer compare WAVE1 WAVE2 ... --out DIR": (
        "barometer compare demo/responses.csv wave2023.csv --out compare"
    ),
    "barometer trends WAVE1 WAVE2 ... --out DIR [--frame F1 --frame F2] [--links links.csv]": (
        "barometer trends demo/responses.csv demo/2025/responses.csv --out trends"
        " --frame demo/frame.csv --frame demo/2025/frame.csv --links demo/links.csv"
    ),
    "barometer report DATASET --out DIR --previous PREVIOUS": (
        "barometer report demo/2025/responses.parquet --out report2025"
        " --previous demo/responses.parquet"
    ),
    "barometer panel WAVE1 WAVE2 ... --out panel.sav [--links links.csv]": (
        "barometer panel demo/responses.sav demo/2025/responses.sav --out panel.sav"
        " --links demo/links.csv"
    ),
    "barometer validate DATASET": "barometer validate demo/responses.xlsx",
    "barometer convert DATASET OUT": "barometer convert demo/responses.csv converted.sav",
    "barometer migrate": "barometer migrate",
    "barometer create-staff alice --email alice@example.org": (
        "barometer create-staff alice --email alice@example.org"  # password on stdin
    ),
    # a closing date in the future: the README's date may have passed by the time this runs
    "barometer wave create 2025 --closes 2025-06-30": f"barometer wave create 2025 --closes {NEXT_YEAR}",
    # frame.csv: the demo's first organisations (the test writes it), so that the invite
    # mails a handful, not 1,374
    "barometer frame import 2025 frame.csv": "barometer frame import 2025 frame.csv",
    "barometer invite 2025": "barometer invite 2025",
    "barometer remind 2025": "barometer remind 2025",
    "barometer serve": "barometer serve --port PORT",  # started, asked, stopped: see _serve
    "barometer publish DATASET --frame frame.csv --wave LABEL": (
        "barometer publish demo/responses.csv --frame demo/frame.csv --wave 2021"
    ),
    "barometer link 2025 ORG_ID": "barometer link 2025 ORG0001",
    "barometer status 2025": "barometer status 2025",
    "barometer export 2025 responses.sav": "barometer export 2025 responses.sav",
    "barometer wave close 2025": "barometer wave close 2025",
    "barometer purge-contacts 2025": "barometer purge-contacts 2025",  # "y" on stdin
    "barometer disclosure check DIR [--approvals FILE]": "barometer disclosure check report",
    "barometer quotes DATASET --out candidates.csv": (
        "barometer quotes demo/responses.csv --out candidates.csv --frame demo/frame.csv"
    ),
    # approvals.yaml: the first three candidates approved (the test writes it)
    "barometer report DATASET --out DIR --approvals approvals.yaml": (
        "barometer report demo/responses.csv --out quoted --approvals approvals.yaml"
    ),
    "barometer release DATASET --out DIR [--frame frame.csv]": (
        "barometer release demo/responses.sav --out release --frame demo/frame.csv"
    ),
}
#: README lines not run here, and why.
NOT_RUN = {
    "make demo": "runs `barometer demo --out demo/` from the repository; the demo runs above",
    "make test": "runs this test suite itself",
}
#: docs/cli.md commands the README does not show, run after it.
REFERENCE_ONLY = {
    "barometer": "barometer --version",
    "barometer bounce": "barometer bounce 2025 ORG0002",
    "barometer wave list": "barometer wave list",
}
STDIN = {
    "barometer create-staff": "Fieldwork-Docs-2025\nFieldwork-Docs-2025\n",
    "barometer purge-contacts": "y\n",
}


def readme_commands() -> list[str]:
    """The command lines of the README's ``sh`` blocks, comments removed, ``a / b`` split."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            command = re.split(r"\s+#", line, maxsplit=1)[0].strip()
            lines += [part.strip() for part in command.split(" / ") if part.strip()]
    return lines


def reference_commands() -> list[str]:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    return re.findall(r"^## (barometer(?: [a-z-]+)*)$", text, flags=re.M)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Mailbox:
    def __init__(self) -> None:
        self.recipients: list[str] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.recipients += envelope.rcpt_tos
        return "250 OK"


def test_readme_and_reference_are_fully_mapped() -> None:
    readme = readme_commands()
    assert [c for c in readme if c not in CONCRETE and c not in NOT_RUN] == []
    assert [c for c in CONCRETE if c not in readme] == []  # no stale entries
    run = {" ".join(shlex.split(c)[:3]) for c in [*CONCRETE.values(), *REFERENCE_ONLY.values()]}
    run |= {" ".join(shlex.split(c)[:2]) for c in [*CONCRETE.values(), *REFERENCE_ONLY.values()]}
    run.add("barometer")
    groups = {"barometer frame", "barometer questionnaire", "barometer wave"}
    missing = [c for c in reference_commands() if c not in run and c not in groups]
    assert missing == []


def test_every_documented_command_runs_in_an_empty_folder(tmp_path: Path) -> None:
    from aiosmtpd.controller import Controller

    exe = shutil.which("barometer", path=str(Path(sys.executable).parent))
    assert exe, "the barometer command is not installed next to this Python"
    folder = tmp_path / "empty"
    folder.mkdir()
    mailbox = Mailbox()
    smtp_port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "BAROMETER_"))}
    env.update(
        DATABASE_URL=f"sqlite:///{folder / 'barometer.sqlite3'}",
        BAROMETER_BASE_URL="https://barometer.example",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
    )

    def run(command: str) -> subprocess.CompletedProcess[str]:
        argv = shlex.split(command)
        key = " ".join(argv[:2])
        result = subprocess.run(
            [exe, *argv[1:]], cwd=folder, env=env, input=STDIN.get(key, ""),
            capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert result.returncode == 0, (command, result.stdout[-2000:], result.stderr[-2000:])
        return result

    outputs: dict[str, str] = {}
    try:
        for line in readme_commands():
            if line in NOT_RUN:
                continue
            command = CONCRETE[line]
            if line == "barometer questionnaire check FILE.xlsx":
                shutil.copy(ROOT / "src/barometer/data/questionnaire.xlsx", folder)
                shutil.copy(ROOT / "src/barometer/data/questionnaire-2025.xlsx", folder)
            elif line.startswith("barometer compare"):
                data = pd.read_csv(folder / "demo/responses.csv", dtype=str, keep_default_na=False)
                data.assign(wave="2023").to_csv(folder / "wave2023.csv", index=False)
            elif line.startswith("barometer report DATASET --out DIR --approvals"):
                ids = pd.read_csv(folder / "candidates.csv", dtype=str)["id"].head(3)
                lines = "".join(f"  - {i}\n" for i in ids)
                (folder / "approvals.yaml").write_text(f"approved:\n{lines}", encoding="utf-8")
            elif line.startswith("barometer frame import"):
                frame = pd.read_csv(folder / "demo/frame.csv", dtype=str, keep_default_na=False)
                frame.head(5).to_csv(folder / "frame.csv", index=False)
            if line == "barometer serve":
                outputs[line] = _serve(exe, folder, env)
                continue
            outputs[line] = run(command).stdout
        for command in REFERENCE_ONLY.values():
            outputs[command] = run(command).stdout
    finally:
        controller.stop()

    assert "366 valid responses" in outputs["barometer validate DATASET"]
    assert (folder / "report/index.html").is_file() and (folder / "compare/index.html").is_file()
    assert (folder / "trends/tables/trends.csv").is_file() and (folder / "panel.sav").is_file()
    assert 'id="trends"' in (folder / "report2025/index.html").read_text(encoding="utf-8")
    assert "wave 2025 created" in outputs["barometer wave create 2025 --closes 2025-06-30"]
    assert "5 organisation(s) imported" in outputs["barometer frame import 2025 frame.csv"]
    assert "5 sent" in outputs["barometer invite 2025"] and len(mailbox.recipients) == 5
    assert "https://barometer.example/s/" in outputs["barometer link 2025 ORG_ID"]
    assert "0 response(s) written" in outputs["barometer export 2025 responses.sav"]
    assert (folder / "responses.sav").is_file()
    assert (folder / "release/datapackage.json").is_file()
    assert "data-quote-id" in (folder / "quoted/index.html").read_text(encoding="utf-8")
    assert "contacts removed from 5" in outputs["barometer purge-contacts 2025"]
    assert (
        f"{NEXT_YEAR[:4]}-06-30" in outputs["barometer wave list"]
        or "2025" in outputs["barometer wave list"]
    )


def _serve(exe: str, folder: Path, env: dict[str, str]) -> str:
    """Start ``barometer serve``, check it answers (and warns once about a forwarding header
    without a trusted proxy), stop it with Ctrl-C; return what it logged."""
    port = free_port()
    proc = subprocess.Popen(
        [exe, "serve", "--port", str(port), "--workers", "1"], cwd=folder, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                    assert r.read() == b"ok"
                break
            except OSError:
                assert proc.poll() is None, proc.communicate()
                assert time.monotonic() < deadline, "barometer serve did not answer"
                time.sleep(0.3)
        for _ in range(2):
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/healthz", headers={"X-Forwarded-For": "203.0.113.7"}
            )
            with urllib.request.urlopen(request, timeout=5) as r:
                assert r.status == 200
    finally:
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 0, stderr[-2000:]
    assert stderr.count("BAROMETER_PROXY_COUNT is 0") == 1, stderr[-2000:]
    return stderr


@pytest.mark.parametrize("line", sorted(NOT_RUN))
def test_what_is_not_run_is_still_in_the_readme(line: str) -> None:
    assert line in readme_commands()
