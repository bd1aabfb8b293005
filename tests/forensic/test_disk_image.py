"""Issue 18, as the adversary sees it: a raw ext4 image of a laptop holding a project, and the coerced passphrase.

A project is built ON a loop-mounted ext4 file system (`mkfs.ext4` defaults) through the command line (the project
itself made as `init` makes it, at the suite's cheaper scrypt; see CREATE_PROJECT): notes, an imported audio
recording with a transcript, a linking key with names and phone numbers. Then one interview is destroyed by
retention (its audio, once the transcript is approved), one respondent withdraws (everything they gave), a
transcript version is replaced, and the project is travel-locked. After each stage the file system is
unmounted and the raw image handed to tests/forensic/attacker.py (independent of fieldkit's code): it carves key
files, SQLite journals, WAL frames and age files from live and free space and tries every key the passphrase
opens against every carved page and blob.

- Positive control (before any destruction): the attack must recover every marker, and the audio. It proves
  the attack works, so that "nothing found" later means something.
- After the destructions: nothing destroyed may be recovered (no marker, no byte of the audio, no key of a
  destroyed object), not even with the key file as it was before them (an old copy an SSD, a backup or an
  earlier image may keep: the issue's "old copy of the key file"); the live objects must be recovered (the
  passphrase opens the project, and the attack must still be able to see it).
- After `travel lock`: nothing of the project may be recovered with the passphrase: no database key the image
  yields opens anything, no object key, no age file, no marker anywhere. And the key file as it was before the
  lock (an old copy an SSD or a backup may keep) must not open what the lock locked either: no object key, no
  age file, no marker.

Needs root (losetup, mount). Without root or loop devices it is skipped with the reason, except under CI=true,
where it fails. Markers are random per run, so nothing from an earlier run can be mistaken for a finding.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyrage
import pytest

from tests.conftest import FIXTURES, PASSPHRASE, REFERENCE_POLICY, REPO, TEST_WORK_FACTOR
from tests.forensic.attacker import Report, attack

IMAGE_MIB = 96
#: the scenario's clock (FIELDKIT_NOW): built on day 1; the transcript replaced and approved an hour later (the
#: audio is due three days after approval); retention and the withdrawal on day 5; the travel lock after that
BUILT, APPROVED, DESTROYED, LOCKED = ("2026-03-01T09:00:00Z", "2026-03-01T10:00:00Z", "2026-03-05T11:00:00Z",
                                      "2026-03-05T12:00:00Z")
CI = os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")

#: Runs the steps of one stage in one Python process (each CLI command exactly as the functional tests run it,
#: through click's test runner; a library step for what only whisper does from the command line), so the
#: interpreter and fieldkit are imported once per stage rather than once per command. Results go to a file.
DRIVER = r"""
import json, os, sys, traceback
from click.testing import CliRunner
from fieldkit.cli import main

plan = json.loads(sys.stdin.read())
results = []
for step in plan["steps"]:
    env = {**plan["env"], **step.get("env", {})}
    if "python" in step:
        saved = dict(os.environ)
        os.environ.update(env)
        try:
            exec(step["python"], {"ARGS": step["args"]})
            results.append({"step": step["label"], "exit_code": 0, "stdout": "", "stderr": ""})
        except BaseException:
            results.append({"step": step["label"], "exit_code": -1, "stdout": "", "stderr": traceback.format_exc()})
        finally:
            os.environ.clear()
            os.environ.update(saved)
    else:
        result = CliRunner().invoke(main, step["args"], input=step.get("input"), env=env)
        exception = None
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            exception = "".join(traceback.format_exception(result.exception))
        results.append({"step": step["label"], "exit_code": result.exit_code, "stdout": result.stdout,
                        "stderr": result.stderr, "exception": exception})
    if results[-1]["exit_code"] != step.get("expect", 0):
        break
with open(plan["results"], "w", encoding="utf-8") as handle:
    json.dump(results, handle)
"""

#: Create the project as `fieldkit init --archive-recipient` does (session.create_project), at the suite's cheaper
#: scrypt work factor: the factor is only N in the key file, and each of the stages' twenty commands unlocks with
#: the passphrase, which at the calibrated factor costs over a second each (tests/functional/test_cli_travel.py
#: runs `init` itself).
CREATE_PROJECT = r"""
import os
from pathlib import Path
from fieldkit.clock import clock_from_env
from fieldkit.vault.project import Project

root, policy, recipient, work_factor = ARGS
Project.create(Path(root), Path(policy), os.environ["FIELDKIT_PASSPHRASE"], clock_from_env(), (recipient,),
               work_factor=int(work_factor)).close()
"""

#: Store a transcript for an interview with audio, replacing every earlier version and what was derived from
#: them, as `fieldkit transcribe --replace` does once whisper has run (whisper itself is too slow here).
STORE_TRANSCRIPT = r"""
import os
from pathlib import Path
from fieldkit import pipeline
from fieldkit.clock import clock_from_env
from fieldkit.documents import Segment, Transcript
from fieldkit.interviews import get_interview
from fieldkit.session import open_session
from fieldkit.transcribe.runner import transcript_versions

root, interview_id, text = ARGS
session = open_session(Path(root), os.environ["FIELDKIT_PASSPHRASE"], clock_from_env())
with session.project as project:
    interview = get_interview(project, interview_id)
    transcript = Transcript("en", "base", 5.0, (Segment(0.0, 5.0, text),))

    def link(conn, object_id):
        pipeline.transcript_stored(conn, interview_id, object_id, language="en")

    old = transcript_versions(project, interview_id) if interview.transcript_object else []
    project.objects.put("transcript", transcript.to_bytes(), respondent=interview.respondent,
                        interview=interview_id, meta={"language": "en"}, on_stored=link,
                        replaces=(*old, interview.anonymised_object, interview.review_object))
"""


class Unavailable(Exception):
    pass


def _unavailable_reason() -> str | None:
    if os.geteuid() != 0:
        return "needs root to attach a loop device and mount ext4 (run as root)"
    missing = [tool for tool in ("mkfs.ext4", "losetup", "mount", "umount") if shutil.which(tool) is None]
    if missing:
        return f"missing {', '.join(missing)}"
    if not Path("/dev/loop-control").exists():
        return "no loop devices (/dev/loop-control is missing)"
    return None


def _give_up(reason: str):
    if CI:
        pytest.fail(f"CI=true: the disk-image test cannot run: {reason}", pytrace=False)
    pytest.skip(reason)


def _run(*command: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


class LoopMount:
    """The image attached to a loop device and mounted; ``unmount`` detaches it again (idempotent)."""

    def __init__(self, image: Path, mountpoint: Path) -> None:
        self.image, self.mountpoint = image, mountpoint
        self.device: str | None = None
        self.mounted = False

    def mount(self) -> None:
        try:
            self.device = _run("losetup", "--find", "--show", str(self.image)).stdout.strip()
            _run("mount", "-t", "ext4", self.device, str(self.mountpoint))
        except subprocess.CalledProcessError as exc:
            self.unmount()
            raise Unavailable(f"{' '.join(exc.cmd)} failed: {exc.stderr.strip()}") from exc
        self.mounted = True

    def unmount(self) -> None:
        if self.mounted:
            subprocess.run(["sync"], check=False)
            done = subprocess.run(["umount", str(self.mountpoint)], capture_output=True, text=True, check=False)
            if done.returncode != 0:  # something still holds it: never leave it mounted
                subprocess.run(["umount", "-l", str(self.mountpoint)], check=False)
            self.mounted = False
        if self.device:
            subprocess.run(["losetup", "-d", self.device], capture_output=True, check=False)
            self.device = None


def _stage(project: Path, steps: list[dict], workdir: Path) -> list[dict]:
    """Run one stage's steps (see DRIVER); fails with every step's output when one does not succeed."""
    results_file = workdir / f"results-{secrets.token_hex(4)}.json"
    plan = {"env": {"FIELDKIT_PASSPHRASE": PASSPHRASE}, "results": str(results_file), "steps": steps}
    done = subprocess.run([sys.executable, "-c", DRIVER], input=json.dumps(plan), capture_output=True, text=True,
                          cwd=REPO, timeout=300, check=False)
    results = json.loads(results_file.read_text()) if results_file.exists() else []
    failed = [r for r, step in zip(results, steps, strict=False) if r["exit_code"] != step.get("expect", 0)]
    if done.returncode != 0 or failed or len(results) != len(steps):
        detail = "\n".join(f"--- {r['step']}: exit {r['exit_code']}\n{r['stdout']}{r['stderr']}"
                           f"{r.get('exception') or ''}" for r in results)
        pytest.fail(f"scenario step failed in {project}:\n{detail}\n--- driver: rc {done.returncode}\n"
                    f"{done.stdout[-3000:]}{done.stderr[-3000:]}", pytrace=False)
    return results


def _key_files(project: Path) -> list[bytes]:
    """Every file under the project's keys/ as it is now: what an old copy of the key file would hold."""
    return [path.read_bytes() for path in sorted((project / "keys").rglob("*")) if path.is_file()]


def _cli(label: str, *args: str, project: Path | None = None, now: str = BUILT, input: str | None = None) -> dict:
    head = ["--project", str(project)] if project is not None else []
    return {"label": label, "args": [*head, *args], "env": {"FIELDKIT_NOW": now}, "input": input}


def _library(label: str, code: str, *args: str, now: str) -> dict:
    return {"label": label, "python": code, "args": list(args), "env": {"FIELDKIT_NOW": now}}


def _where(report: Report, needle: bytes) -> str:
    hits = report.found.get(needle, [])
    return "; ".join(f"{h.where} @{h.offset:#x} {h.detail}".strip() for h in hits[:5]) + (
        f" (+{len(hits) - 5} more)" if len(hits) > 5 else "")


def _check(report: Report, *, absent: dict[str, bytes], present: dict[str, bytes] | None = None,
           stage: str) -> list[str]:
    problems = []
    for name, needle in absent.items():
        if report.found.get(needle):
            problems.append(f"{stage}: {name} RECOVERED from {_where(report, needle)}")
    for name, needle in (present or {}).items():
        if not report.found.get(needle):
            problems.append(f"{stage}: {name} (live) not recovered: the attack no longer sees the project")
    return problems


def test_destroyed_and_locked_material_cannot_be_carved_from_a_raw_ext4_image(tmp_path):
    reason = _unavailable_reason()
    if reason:
        _give_up(reason)
    started = time.monotonic()
    tag = secrets.token_hex(4).upper()
    marker = {  # random per run; ASCII so every layer stores them byte for byte
        "old transcript version": f"MKTOLD{tag}XQ",
        "new transcript version": f"MKTNEW{tag}XQ",
        "kept notes": f"MKNOTEKEEP{tag}XQ",
        "withdrawn notes": f"MKNOTEWD{tag}XQ",
        "kept linking-key name": f"Aliya MKNAMEKEEP{tag}XQ",
        "withdrawn linking-key name": f"Bolat MKNAMEWD{tag}XQ",
        "kept phone": f"+7 701 {secrets.randbelow(10 ** 7):07d}",
        "withdrawn phone": f"+7 702 {secrets.randbelow(10 ** 7):07d}",
    }
    needles = {name: text.encode() for name, text in marker.items()}
    destroyed = ("old transcript version", "withdrawn notes", "withdrawn linking-key name",
                 "withdrawn phone")
    live = ("new transcript version", "kept notes", "kept linking-key name", "kept phone")
    institution = pyrage.x25519.Identity.generate()

    # the image lives outside the repository; the source recording stays off the image (fieldkit reads it)
    workdir = Path(tempfile.mkdtemp(prefix="fieldkit-disk-image-", dir=tmp_path))
    image, mountpoint = workdir / "laptop.img", workdir / "mnt"
    mountpoint.mkdir()
    with open(image, "wb") as handle:
        handle.truncate(IMAGE_MIB << 20)
    _run("mkfs.ext4", "-q", "-F", str(image))
    disk = LoopMount(image, mountpoint)
    project = mountpoint / "study"
    timings: dict[str, float] = {}
    pool = ThreadPoolExecutor(max_workers=1)  # the attack on one stage runs while the next stage is built
    try:
        try:
            disk.mount()
        except Unavailable as exc:
            _give_up(str(exc))

        # --- stage A: the project as collected ---------------------------------------------------------------
        t = time.monotonic()
        _stage(project, [
            _library("init", CREATE_PROJECT, str(project), str(REFERENCE_POLICY), str(institution.to_public()),
                     str(TEST_WORK_FACTOR), now=BUILT),
            _cli("add P1", "respondent", "add", "--category", "P", project=project),
            _cli("add L1", "respondent", "add", "--category", "L", project=project),
            _cli("consent P1", "consent", "record", "P1", "--accept-all", project=project),
            _cli("consent L1", "consent", "record", "L1", "--accept-all", project=project),
            _cli("import audio P1-1", "capture", "import", "P1", str(FIXTURES / "short_en.wav"), project=project),
            _library("transcript v1 of P1-1", STORE_TRANSCRIPT, str(project), "P1-1",
                     f"We met at the market. {marker['old transcript version']} said the rest.", now=BUILT),
            _cli("notes P1", "capture", "notes", "P1", "-", project=project,
                 input=f"Calm meeting. {marker['kept notes']}\n"),
            _cli("notes L1", "capture", "notes", "L1", "-", project=project,
                 input=f"Nervous meeting. {marker['withdrawn notes']}\n"),
            _cli("link P1", "respondent", "link", "P1", project=project,
                 input=f"{marker['kept linking-key name']}\n{marker['kept phone']}\n"),
            _cli("link L1", "respondent", "link", "L1", project=project,
                 input=f"{marker['withdrawn linking-key name']}\n{marker['withdrawn phone']}\n"),
        ], workdir)
        keys_before_destruction = _key_files(project)  # as an SSD, a backup or an earlier image may keep them
        disk.unmount()
        timings["stage A (build)"] = time.monotonic() - t
        snapshot_a = image.read_bytes()
        attack_a = pool.submit(attack, snapshot_a, PASSPHRASE, list(needles.values()))

        # --- stage B: a transcript version replaced; the timer destroys the audio; L1 withdraws ----------------
        t = time.monotonic()
        disk.mount()
        stage_b = _stage(project, [
            _library("transcript v2 of P1-1 (replaces v1)", STORE_TRANSCRIPT, str(project), "P1-1",
                     f"We met at the market. {marker['new transcript version']} said the rest.", now=APPROVED),
            _cli("approve P1-1", "anonymise", "P1-1", "--accept-suggestions", "--approve", project=project,
                 now=APPROVED),
            # the timer erases the audio's deadline secret with the project closed (docs/retention.md); the run
            # that follows records it and destroys the rest
            _cli("retention tick", "retention", "tick", project=project, now=DESTROYED),
            _cli("retention run", "retention", "run", project=project, now=DESTROYED),
            _cli("withdraw L1", "consent", "withdraw", "L1", "--yes", project=project, now=DESTROYED),
            _cli("retention status", "retention", "status", "--json", "--all", project=project, now=DESTROYED),
        ], workdir)
        keys_before_lock = _key_files(project)
        disk.unmount()
        timings["stage B (destroy)"] = time.monotonic() - t
        objects = {item["object"]: item for item in json.loads(stage_b[-1]["stdout"])}
        print("objects after the destructions:", *(f"{o[:12]} {i['kind']} {i['respondent']} {i['state']}"
                                                   for o, i in objects.items()), sep="\n  ")
        destroyed_objects = {o: i for o, i in objects.items() if i["state"] == "destroyed"}
        assert {"audio", "notes", "transcript", "linking_key"} <= {i["kind"] for i in destroyed_objects.values()}, (
            f"the scenario did not destroy what it should (retention status: {objects})")
        snapshot_b = image.read_bytes()

        # positive control: before any destruction the attack recovers everything
        report_a = attack_a.result()
        print(report_a.summary())
        audio = [hit for hit in report_a.age_files if hit.plaintext.startswith(b"OggS") and hit.complete]
        problems = _check(report_a, absent={}, stage="positive control (before destruction)",
                          present={n: v for n, v in needles.items() if n != "new transcript version"})
        assert not problems and audio, (
            "the attack must recover the project before any destruction, or its later silence proves nothing:\n"
            + "\n".join(problems) + ("" if audio else "\nno audio (Ogg Opus) blob decrypted") + "\n"
            + report_a.summary())
        plain = audio[0].plaintext
        needles["destroyed audio (bytes from its middle)"] = plain[len(plain) // 2:len(plain) // 2 + 32]
        needles["destroyed audio (bytes from its last quarter)"] = plain[3 * len(plain) // 4:3 * len(plain) // 4 + 32]
        destroyed += ("destroyed audio (bytes from its middle)", "destroyed audio (bytes from its last quarter)")
        attack_b = pool.submit(attack, snapshot_b, PASSPHRASE, list(needles.values()))
        attack_b_old = pool.submit(attack, snapshot_b, PASSPHRASE, list(needles.values()),
                                   extra_key_files=keys_before_destruction)

        # --- stage C: travel lock ------------------------------------------------------------------------------
        t = time.monotonic()
        disk.mount()
        _stage(project, [_cli("travel lock", "travel", "lock", project=project, now=LOCKED)], workdir)
        disk.unmount()
        timings["stage C (travel lock)"] = time.monotonic() - t
        snapshot_c = image.read_bytes()

        report_b = attack_b.result()
        print(report_b.summary())
        report_b_old = attack_b_old.result()
        print("with the key file(s) from before the destructions:\n" + report_b_old.summary())
        t = time.monotonic()
        report_c = attack(snapshot_c, PASSPHRASE, list(needles.values()))
        print(report_c.summary())
        report_c_old = attack(snapshot_c, PASSPHRASE, list(needles.values()), extra_key_files=keys_before_lock)
        print("with the key file(s) from before the lock:\n" + report_c_old.summary())
        timings["attacks on C"] = time.monotonic() - t
    finally:
        pool.shutdown(wait=True)
        disk.unmount()
    print(f"timings: { {k: round(v, 1) for k, v in timings.items()} }; total {time.monotonic() - started:.1f} s")

    def keys_of(report: Report, only: dict | None = None) -> list[str]:
        found = report.object_keys()
        return [f"the key of {objects.get(o, {}).get('state', '?')} {objects.get(o, {}).get('kind', '?')} object "
                f"{o[:12]} ({objects.get(o, {}).get('respondent')}) from "
                + ", ".join(sorted(set(report.identities[found[o]]))[:3])
                for o in sorted(found) if only is None or o in only]

    problems = _check(report_b, absent={}, present={n: needles[n] for n in live}, stage="after the destructions")
    for stage, report in (("after the destructions", report_b),
                          ("after the destructions, with the key file from before them", report_b_old)):
        problems += _check(report, absent={n: needles[n] for n in destroyed}, stage=stage)
        problems += [f"{stage}: {line}" for line in keys_of(report, destroyed_objects)]
        problems += [f"{stage}: the destroyed audio decrypted whole from the age file at {h.offset:#x}"
                     for h in report.age_files if h.plaintext == plain]
    every = dict(needles)
    for stage, report in (("after travel lock", report_c),
                          ("after travel lock, with the key file from before it", report_c_old)):
        problems += _check(report, absent=every, stage=stage)
        problems += [f"{stage}: {line}" for line in keys_of(report)]
        unmapped = len(report.identities) - len({report.object_keys()[o] for o in report.object_keys()})
        if unmapped:
            problems.append(f"{stage}: {unmapped} more object key(s) recovered")
        problems += [f"{stage}: age file @{h.offset:#x} ({h.plaintext_size} B{'' if h.complete else ', partly'}) "
                     "decrypted" for h in report.age_files]
    for key, sources in report_c.db_keys.items():  # with the passphrase alone, no database key may open anything
        opened = report_c.pages_opened(key)
        if opened:
            problems.append(f"after travel lock: database key {key[:12]}… (from {', '.join(sources)}) opens "
                            f"{len(opened)} page(s), e.g. {opened[0].source} @{opened[0].offset:#x}")
    assert not problems, "the adversary recovered what must be gone:\n" + "\n".join(problems)
