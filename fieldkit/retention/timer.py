"""The retention timer's installation: a systemd user timer (or, without a user systemd, a crontab line) that
runs ``fieldkit retention tick`` every 15 minutes, so deadline secrets (vault.deadline_locks) are erased on
time while the project stays closed and no passphrase is typed.

The tick needs no passphrase and never opens the database; the unit holds only the project's path.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from fieldkit.errors import UsageError
from fieldkit.vault.files import write_atomic

PERIOD_MINUTES = 15


@dataclass(frozen=True)
class TimerUnits:
    name: str  # fieldkit-retention-<12 hex digits of the project path's hash>
    command: list[str]
    service: str
    timer: str
    cron_line: str


def units_for(root: Path, python: str = sys.executable) -> TimerUnits:
    root = root.resolve()
    name = "fieldkit-retention-" + hashlib.sha256(str(root).encode()).hexdigest()[:12]
    command = [python, "-m", "fieldkit.cli", "--project", str(root), "retention", "tick"]
    exec_start = " ".join(_systemd_quote(part) for part in command)
    service = (
        "[Unit]\n"
        "Description=fieldkit retention timer: erase deadline secrets that have come due (no passphrase)\n\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={exec_start}\n"
    )
    timer = (
        "[Unit]\n"
        f"Description=Run {name} every {PERIOD_MINUTES} minutes, and at wake-up for a missed run\n\n"
        "[Timer]\n"
        f"OnCalendar=*:0/{PERIOD_MINUTES}\n"
        "Persistent=true\n"
        "AccuracySec=1min\n\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    cron = f"*/{PERIOD_MINUTES} * * * * {shlex.join(command)} >/dev/null 2>&1 # {name}"
    return TimerUnits(name, command, service, timer, cron)


def _systemd_quote(part: str) -> str:
    if all(c.isalnum() or c in "/._-+=:@" for c in part):
        return part
    return '"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"'


def user_unit_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user"


def _run(args: list[str]) -> bool:
    try:
        return subprocess.run(args, capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def install(units: TimerUnits) -> str:
    """Install and start the timer; returns how ("systemd user timer" or "crontab"). Raises UsageError when
    neither a user systemd nor crontab is available."""
    folder = user_unit_dir()
    if _user_systemd_up():
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / f"{units.name}.service", units.service.encode())
        write_atomic(folder / f"{units.name}.timer", units.timer.encode())
        if _run(["systemctl", "--user", "daemon-reload"]) and _run(
                ["systemctl", "--user", "enable", "--now", f"{units.name}.timer"]):
            return "systemd user timer"
        for suffix in (".service", ".timer"):
            (folder / f"{units.name}{suffix}").unlink(missing_ok=True)
    if shutil.which("crontab"):
        current = _crontab()
        lines = [line for line in current.splitlines() if not line.endswith(f"# {units.name}")]
        lines.append(units.cron_line)
        if _write_crontab("\n".join(lines) + "\n"):
            return "crontab"
    raise UsageError("no user systemd and no crontab to run the retention timer",
                     "run `fieldkit retention schedule --print` and install the units (or the cron line) by hand")


def _user_systemd_up() -> bool:
    return bool(shutil.which("systemctl")) and _run(["systemctl", "--user", "show-environment"])


def remove(units: TimerUnits) -> list[str]:
    """Stop and remove the timer wherever it was installed; returns what was removed."""
    removed = []
    folder = user_unit_dir()
    if (folder / f"{units.name}.timer").exists():
        _run(["systemctl", "--user", "disable", "--now", f"{units.name}.timer"])
        for suffix in (".service", ".timer"):
            (folder / f"{units.name}{suffix}").unlink(missing_ok=True)
        _run(["systemctl", "--user", "daemon-reload"])
        removed.append("systemd user timer")
    if shutil.which("crontab"):
        current = _crontab()
        kept = [line for line in current.splitlines() if not line.endswith(f"# {units.name}")]
        if len(kept) != len(current.splitlines()) and _write_crontab("\n".join(kept) + "\n"):
            removed.append("crontab line")
    return removed


def _crontab() -> str:
    try:
        result = subprocess.run(["crontab", "-l"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return result.stdout if result.returncode == 0 else ""


def _write_crontab(text: str) -> bool:
    try:
        return subprocess.run(["crontab", "-"], input=text, text=True, capture_output=True,
                              timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False
