"""Crash harness (issue 16): kill each mutating CLI command at every `rename`, `fsync` and `unlink` it makes,
then check that the project is still whole and that the command can be run again.

How a trial works (see docs/crash-harness.md for the long version):

1. A *scene* (a project in a given state) is built once per run with the project's own library and copied for
   every trial, so scrypt and the models run once, not once per trial.
2. A *counting run* executes the command on a copy of the scene under ``strace -f`` and counts, per syscall
   name and per tracee, the calls of the three families: rename (rename, renameat, renameat2), fsync (fsync,
   fdatasync) and unlink (unlink, unlinkat).
3. One *trial* per (syscall, N): the command runs on a fresh copy under
   ``strace -f -qq -o /dev/null -e trace=S -e inject=S:signal=KILL:when=N``. strace keeps its ``when=``
   counter per tracee (each thread and each child process counts from 1) and per syscall *number* (rename
   and renameat count separately), and it delivers SIGKILL at syscall *entry*: the N-th call never runs.
   (Checked by :func:`probe_strace_counting`; ``scripts/crash-harness --probe`` prints it.) So "N" below is
   "the N-th call of that one syscall in a tracee", and a family's trials are the union over its syscalls.
4. After the kill, the invariants are checked in-process: the project opens through
   ``fieldkit.session.open_session`` (start-up recovery included), the audit chain verifies, every live
   object decrypts, no object is half-there, no temporary file is left, no plaintext marker is on disk.
5. The same command runs again without a fault and must finish (or give the per-command "already done"
   answer that :class:`Command` declares), then the command's end state and all invariants are checked again.

Run it with pytest (tests/crash) or ``python -m tests.crash.harness`` (scripts/crash-harness).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
REFERENCE_POLICY = REPO / "policies" / "reference-protocol.toml"
PASSPHRASE = "correct horse battery staple"
NEW_PASSPHRASE = "a different long passphrase for after"
NOW = "2026-03-01T09:00:00Z"
LATER = "2026-03-10T00:00:00Z"  # past the audio rule's deadline (3 days after approval on 2026-03-01)
CONSENT_ITEMS = ("participate", "audio_recording", "excerpts", "quotation", "archiving")
STRACE = shutil.which("strace") or "/usr/bin/strace"

FAMILIES: dict[str, tuple[str, ...]] = {
    "rename": ("rename", "renameat", "renameat2"),
    "fsync": ("fsync", "fdatasync"),
    "unlink": ("unlink", "unlinkat"),
}
FAMILY_OF = {name: family for family, names in FAMILIES.items() for name in names}
ALL_SYSCALLS = tuple(FAMILY_OF)

# Plaintext markers. Each must never appear, in any encoding, in a file under the project folder; the name is
# also forbidden in export output (exports carry anonymised text, which may legitimately hold the others).
CANARY_NAME = "Qzxcanary Zhumabekova"  # the respondent's name, kept only in the encrypted linking key
CANARY_TEXT = "qzxcanarytext"  # a word said in the interview (transcript, notes)
CANARY_CYRILLIC = "кзхканарейка"  # the same, in Cyrillic (transcript, notes)
CANARY_NOTE_LINE = f"Встреча с {CANARY_CYRILLIC}: {CANARY_TEXT} said the quota came from above."
SPOKEN_EN = "David Brown"  # said in tests/fixtures/short_en.wav: whisper's transcript must never reach the disk
TEXTS = [
    f"Мы говорили о работе, {CANARY_CYRILLIC} сказал, что план спускают сверху.",
    f"The word {CANARY_TEXT} came up: the quota came from above every month.",
    "Закон изменился в прошлом году, и отчётность стала строже.",
]
CODED_QUOTE = "the quota came from above"
CODE_NAME = "quotas"
IMPORTED_PARENT = "pressure from above"
IMPORTED_CHILD = "monthly plan"
IMPORTED_DESCRIPTION = "Plans and numbers set from above"

KILLED = (-9, 128 + 9)


# ---------------------------------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Failure:
    command: str
    family: str
    syscall: str
    n: int
    invariant: str
    message: str

    def line(self) -> str:
        return f"{self.command}\t{self.family}\t{self.syscall}#{self.n}\t{self.invariant}\t{self.message}"


@dataclass
class Trial:
    command: str
    family: str
    syscall: str
    n: int
    killed: bool = False
    kill_exit: int | None = None  # the faulted run's exit status (-9: SIGKILL)
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class Plan:
    """What the counting run found and which trials are run."""

    command: str
    counts: dict[str, int]  # syscall -> most calls made by any one tracee
    tracees: dict[str, int]  # syscall -> how many tracees made it
    paths: dict[str, list[str]]  # syscall -> a few sample lines (for the record)
    trials: dict[str, list[tuple[str, int]]]  # family -> [(syscall, N)]
    available: dict[str, int]  # family -> how many (syscall, N) pairs the command makes
    capped: dict[str, bool]


@dataclass
class CommandResult:
    command: str
    plan: Plan | None
    trials: list[Trial] = field(default_factory=list)
    skipped: str | None = None
    error: str | None = None
    seconds: float = 0.0

    @property
    def failures(self) -> list[Failure]:
        return [f for t in self.trials for f in t.failures]


# ---------------------------------------------------------------------------------------------------- environment


def strace_unavailable() -> str | None:
    """Why fault injection cannot run here (None when it can)."""
    if not Path(STRACE).exists():
        return "strace is not installed (Debian: apt-get install strace)"
    try:
        probe = subprocess.run([STRACE, "-f", "-qq", "-o", "/dev/null", "-e", "trace=none", "true"],
                               capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"strace does not run: {exc}"
    if probe.returncode != 0:
        return f"ptrace is not permitted here (strace: {probe.stderr.decode(errors='replace').strip()[:200]})"
    return None


def probe_strace_counting(workdir: Path) -> dict[str, str]:
    """Check how strace's ``when=N`` counts, on a throw-away script. Returns {question: answer}."""
    script = workdir / "probe.py"
    script.write_text(
        "import os, sys, threading\n"
        "d = sys.argv[1]\n"
        "def log(m):\n"
        "    with open(os.path.join(d, 'log'), 'a') as f: f.write(m + '\\n')\n"
        "def mk(n):\n"
        "    p = os.path.join(d, n); open(p, 'w').close(); return p\n"
        "dfd = os.open(d, os.O_RDONLY)\n"
        "os.rename(mk('a1'), os.path.join(d, 'b1')); log('main-rename-1')\n"
        "mk('a2'); os.rename('a2', 'b2', src_dir_fd=dfd, dst_dir_fd=dfd); log('main-renameat-1')\n"
        "t = threading.Thread(target=lambda: (os.rename(mk('a3'), os.path.join(d, 'b3')), log('thread-rename-1')))\n"
        "t.start(); t.join()\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    os.rename(mk('c1'), os.path.join(d, 'e1')); log('child-rename-1'); os._exit(0)\n"
        "os.waitpid(pid, 0)\n"
        "os.rename(mk('a4'), os.path.join(d, 'b4')); log('main-rename-2')\n"
    )

    def run(when: int) -> list[str]:
        folder = workdir / f"probe-{when}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        names = "rename,renameat,renameat2"
        subprocess.run([STRACE, "-f", "-qq", "-o", "/dev/null", "-e", f"trace={names}",
                        "-e", f"inject={names}:signal=KILL:when={when}", sys.executable, str(script), str(folder)],
                       capture_output=True, timeout=60)
        log = folder / "log"
        return log.read_text().split() if log.exists() else []

    one, two = run(1), run(2)
    return {
        "when=1 kills at": "main-rename-1 (first call; the call itself did not run)" if not one else repr(one),
        "when=2 ran before the kill": ", ".join(two),
        "per syscall number": str("main-renameat-1" in two),  # renameat was its own first call, not killed
        "per thread": str("thread-rename-1" in two),  # the thread's first rename was not the 2nd of the process
        "per child process": str("child-rename-1" in two),  # the child counts from 1 too
    }


def cli_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FIELDKIT_", "PYTEST_"))}
    env.update({
        "FIELDKIT_PASSPHRASE": PASSPHRASE,
        "FIELDKIT_NOW": NOW,
        "PYTHONDONTWRITEBYTECODE": "1",  # a .pyc written on the way is a rename nobody asked for
        "PYTHONPATH": str(REPO),
    })
    env.update(extra or {})
    return env


def fixed_clock(now: str):
    from fieldkit.clock import FixedClock

    return FixedClock(datetime.fromisoformat(now.replace("Z", "+00:00")).astimezone(UTC))


# ---------------------------------------------------------------------------------------------------- scenes


class Scenes:
    """Prepared project folders, built once and copied per trial.

    Every scene is a folder holding ``project/`` (created with an archive recipient), ``institution.key`` (the
    archive identity, which a real laptop never holds: the harness uses it to check sealed objects and the
    archive copy of the keys) and, for the travel-locked scene, ``travel.key`` (what the institution sends back).
    """

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.built: dict[str, Path] = {}
        self._keys = None
        self.institution: str | None = None

    def get(self, name: str) -> Path:
        if name not in self.built:
            folder = self.workdir / f"scene-{name}"
            shutil.rmtree(folder, ignore_errors=True)
            getattr(self, f"_build_{name}")(folder)
            self.built[name] = folder
        return self.built[name]

    def copy(self, name: str, dest: Path) -> Path:
        shutil.rmtree(dest, ignore_errors=True)
        shutil.copytree(self.get(name), dest, symlinks=True)
        (dest / "out").mkdir(exist_ok=True)
        return dest

    # -- helpers

    def _open(self, folder: Path, now: str = NOW):
        from fieldkit.vault.project import Project

        # by passphrase (the scene's cheap scrypt): a scene that destroyed something has rotated its key
        return Project.open((folder / "project").resolve(), PASSPHRASE, fixed_clock(now))

    def _derive(self, base: str, folder: Path) -> None:
        shutil.copytree(self.get(base), folder, symlinks=True)

    # -- the scenes

    def _build_base(self, folder: Path) -> None:
        """A project (with an archive recipient) and respondent P1, consented, whose name is in the linking key."""
        import pyrage

        import fieldkit.services  # noqa: F401 - the pipeline's event handlers
        from fieldkit.consent.linking import set_link
        from fieldkit.consent.records import record_consent
        from fieldkit.consent.respondents import add_respondent
        from fieldkit.vault import keys
        from fieldkit.vault.project import KEY_FILE, Project
        from tests.conftest import TEST_WORK_FACTOR

        folder.mkdir(parents=True)
        identity = pyrage.x25519.Identity.generate()
        self.institution = str(identity)
        (folder / "institution.key").write_text(self.institution + "\n")
        root = folder / "project"
        # the template's cheaper scrypt (real scrypt and age): every trial unlocks five times or more
        with Project.create(root, REFERENCE_POLICY, PASSPHRASE, fixed_clock("2026-03-01T08:00:00Z"),
                            (str(identity.to_public()),), work_factor=TEST_WORK_FACTOR) as project:
            code = add_respondent(project, "P")
            record_consent(project, code, language="en", answers=dict.fromkeys(CONSENT_ITEMS, True))
            set_link(project, code, CANARY_NAME, "")
        self._keys = keys.unwrap_with_passphrase((root / KEY_FILE).read_bytes(), PASSPHRASE)

    def _build_imported(self, folder: Path) -> None:
        """base + interview P1-1: short_en.wav imported (audio only)."""
        from fieldkit.capture.importer import import_audio

        self._derive("base", folder)
        with self._open(folder) as project:
            import_audio(project, "P1", FIXTURES / "short_en.wav")

    def _build_transcribed(self, folder: Path) -> None:
        """base + interview P1-1 with a stored transcript (no audio), holding the text canaries."""
        from tests.conftest import add_transcribed_interview

        self._derive("base", folder)
        with self._open(folder) as project:
            add_transcribed_interview(project, "P1", TEXTS, language="ru")

    def _build_approved(self, folder: Path) -> None:
        """transcribed + anonymised and approved + a code to apply (no coding yet)."""
        from fieldkit.anonymise import review as rv
        from fieldkit.coding.codebook import add_code

        self._derive("transcribed", folder)
        with self._open(folder) as project:
            rv.accept_suggestions(project, "P1-1")
            rv.approve(project, "P1-1")
            add_code(project, CODE_NAME)

    def _build_coded(self, folder: Path) -> None:
        """approved + one coding: ready to export."""
        from fieldkit.coding.excerpts import apply_code

        self._derive("approved", folder)
        with self._open(folder) as project:
            apply_code(project, "P1-1", CODE_NAME, quote=CODED_QUOTE)
        # a colleague's codebook for `code import`: a new parent for the code, its description, a new sub-code
        (folder / "team.csv").write_text(f"name,parent,description\n{IMPORTED_PARENT},,Grouping\n"
                                         f"{CODE_NAME},{IMPORTED_PARENT},{IMPORTED_DESCRIPTION}\n"
                                         f"{IMPORTED_CHILD},{CODE_NAME},\n", encoding="utf-8")

    def _build_full(self, folder: Path) -> None:
        """Two interviews of P1, each with audio + transcript + approved anonymised text, and a coding on each;
        the audio is due for destruction from 2026-03-04 (three days after approval)."""
        from fieldkit import pipeline
        from fieldkit.anonymise import review as rv
        from fieldkit.capture.importer import import_audio
        from fieldkit.coding.codebook import add_code
        from fieldkit.coding.excerpts import apply_code
        from fieldkit.documents import Segment, Transcript

        self._derive("base", folder)
        with self._open(folder) as project:
            add_code(project, CODE_NAME)
            for source in ("short_en.wav", "short_en.flac"):
                interview = import_audio(project, "P1", FIXTURES / source, allow_duplicate=True)
                segments = tuple(Segment(i * 5.0, i * 5.0 + 5.0, text) for i, text in enumerate(TEXTS))
                transcript = Transcript("ru", "base", len(TEXTS) * 5.0, segments)

                def link(conn, object_id, interview=interview):
                    pipeline.transcript_stored(conn, interview, object_id, language="ru")

                project.objects.put("transcript", transcript.to_bytes(), respondent="P1", interview=interview,
                                    on_stored=link)
                rv.accept_suggestions(project, interview)
                rv.approve(project, interview)
                apply_code(project, interview, CODE_NAME, quote=CODED_QUOTE)

    def _build_locked(self, folder: Path) -> None:
        """full, then `travel lock` done; travel.key holds the travel key the institution sent back."""
        import pyrage

        from fieldkit.services.travel import lock

        self._derive("full", folder)
        lock(self._open(folder))  # closes the project
        identity = pyrage.x25519.Identity.from_str(self.institution)
        travel_key = pyrage.decrypt((folder / "project" / "keys" / "travel-key.age").read_bytes(), [identity])
        (folder / "travel.key").write_text(f"# from the institution\n{travel_key.decode()}\n")


# ---------------------------------------------------------------------------------------------------- commands


@dataclass
class Outcome:
    """What a command run gave."""

    returncode: int
    stdout: str
    stderr: str


# A rerun check returns None when the rerun's outcome is accepted, or why not.
RerunCheck = Callable[[Outcome], str | None]
# An end-state check looks at the opened project after the rerun: None, or what is wrong.
StateCheck = Callable[["Opened"], str | None]


def exit_zero(out: Outcome) -> str | None:
    return None if out.returncode == 0 else f"exit {out.returncode}: {_last_error(out)}"


def zero_or(code: int, phrase: str) -> RerunCheck:
    """Exit 0, or exit ``code`` with ``phrase`` in the error: the first run had already finished."""

    def check(out: Outcome) -> str | None:
        if out.returncode == 0 or (out.returncode == code and phrase in out.stderr):
            return None
        return f"exit {out.returncode} (accepted: 0, or {code} saying {phrase!r}): {_last_error(out)}"

    return check


def _last_error(out: Outcome) -> str:
    lines = [line for line in out.stderr.splitlines() if line.startswith("fieldkit: error")]
    return (lines[-1] if lines else (out.stderr.strip().splitlines() or ["(no stderr)"])[-1])[:300]


@dataclass
class Command:
    name: str
    scene: str
    args: tuple[str, ...]  # after `--project ROOT`; {scene} and {out} are filled in per trial
    rerun: RerunCheck = exit_zero
    rerun_doc: str = "exit 0"
    end_state: StateCheck | None = None
    end_state_doc: str = ""
    stdin: str | None = None
    env: dict[str, str] = field(default_factory=dict)
    passphrases: tuple[str, ...] = (PASSPHRASE,)  # what may open the project after a kill (in order)
    final_passphrases: tuple[str, ...] = (PASSPHRASE,)  # what must open it after the rerun
    now: str = NOW
    sample: tuple[str, ...] = ("middle",)  # quick mode: which of each family's trials (first, middle, last)
    quick_families: tuple[str, ...] = ("rename",)  # quick mode: which families are sampled (a widened sample: all)
    cap: int = 40  # full sweep: at most this many trials per family, evenly spread
    markers: tuple[str, ...] = (CANARY_NAME, CANARY_TEXT, CANARY_CYRILLIC)
    out_markers: tuple[str, ...] = (CANARY_NAME,)
    available: Callable[[], str | None] | None = None  # a reason to skip, or None

    def argv(self, trial: Path) -> list[str]:
        fill = {"scene": str(trial), "out": str(trial / "out")}
        return [sys.executable, "-m", "fieldkit.cli", "--project", str(trial / "project"),
                *(a.format(**fill) for a in self.args)]


# -- end states


def _interviews(opened: Opened, respondent: str = "P1") -> list[dict]:
    conn = opened.project.conn
    cursor = conn.execute("SELECT * FROM interviews WHERE respondent = ? ORDER BY id", (respondent,))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _live(opened: Opened, **where: str) -> list:
    return opened.project.objects.live_ids(**where)


def one_imported_audio(opened: Opened) -> str | None:
    found = [i for i in _interviews(opened) if i.get("audio_object") and not i.get("discarded")]
    return None if len(found) == 1 else f"{len(found)} interviews with audio (expected exactly 1)"


def notes_stored(opened: Opened) -> str | None:
    found = [i for i in _interviews(opened) if not i.get("discarded")]
    if not found:
        return "no notes interview"
    for item in found:
        if not _live(opened, interview=item["id"]):
            return f"interview {item['id']} holds no live object"
    return None


def lexicon_entry_stored(opened: Opened) -> str | None:
    from fieldkit.anonymise.lexicon import typed_entries

    texts = [entry.text for entry in typed_entries(opened.project)]
    return None if texts == [CANARY_NAME] else f"{len(texts)} typed entries (expected exactly the one typed)"


def transcribed(opened: Opened) -> str | None:
    item = _interviews(opened)[0]
    if not item.get("transcript_object"):
        return f"{item['id']} has no transcript"
    kinds = [opened.project.objects.info(o).kind for o in _live(opened, interview=item["id"])]
    if kinds.count("transcript") != 1:
        return f"{item['id']} has {kinds.count('transcript')} live transcripts (expected 1): {kinds}"
    return None


def approved(opened: Opened) -> str | None:
    item = _interviews(opened)[0]
    return None if item.get("approved") and item.get("anonymised_object") else f"{item['id']} is not approved"


def one_coding(opened: Opened) -> str | None:
    (count,) = opened.project.conn.execute("SELECT COUNT(*) FROM codings WHERE interview = 'P1-1'").fetchone()
    return None if count == 1 else f"{count} codings on P1-1 (expected exactly 1)"


def codebook_merged(opened: Opened) -> str | None:
    from fieldkit.coding.codebook import list_codes

    codes = {c.name: c for c in list_codes(opened.project)}
    by_id = {c.id: c.name for c in codes.values()}
    want = {IMPORTED_PARENT: None, CODE_NAME: IMPORTED_PARENT, IMPORTED_CHILD: CODE_NAME}
    got = {name: by_id.get(c.parent) for name, c in codes.items()}
    if got != want:
        return f"codebook {got} (expected {want})"
    if codes[CODE_NAME].description != IMPORTED_DESCRIPTION:
        return f"the code's description is {codes[CODE_NAME].description!r}"
    if one_coding(opened):
        return one_coding(opened)
    logged = [e for e in opened.project.audit.entries() if e.event == "codebook_imported"]
    return None if logged else "no codebook_imported in the audit chain"


def export_written(opened: Opened) -> str | None:
    out = opened.trial / "out" / "x.csv"
    if not out.is_file():
        return "out/x.csv was not written"
    if CODED_QUOTE not in out.read_text(encoding="utf-8", errors="replace"):
        return "out/x.csv does not hold the coded text"
    logged = [e for e in opened.project.audit.entries() if "export" in e.event]
    return None if logged else "no export is logged in the audit chain"


def audio_destroyed(opened: Opened) -> str | None:
    kinds = [opened.project.objects.info(o).kind for o in _live(opened, respondent="P1")]
    return f"audio still live: {kinds}" if "audio" in kinds else None


def withdrawn(opened: Opened) -> str | None:
    (status,) = opened.project.conn.execute("SELECT status FROM respondents WHERE code = 'P1'").fetchone()
    live = _live(opened, respondent="P1")
    if status != "withdrawn":
        return f"P1 is {status}, not withdrawn"
    return f"{len(live)} objects of P1 still live" if live else None


def discarded(opened: Opened) -> str | None:
    item = _interviews(opened)[0]
    if not item.get("discarded"):
        return f"{item['id']} is not marked discarded"
    live = _live(opened, interview=item["id"])
    return f"{len(live)} objects of {item['id']} still live" if live else None


def sealed(opened: Opened) -> str | None:
    item = _interviews(opened)[0]
    if not item.get("sealed"):
        return f"{item['id']} is not marked sealed"
    live = _live(opened, interview=item["id"])
    if live:
        return f"{len(live)} objects of {item['id']} still readable here"
    (count,) = opened.project.conn.execute(
        "SELECT COUNT(*) FROM objects WHERE interview = ? AND sealed IS NOT NULL", (item["id"],)).fetchone()
    return None if count else f"no sealed object in {item['id']}"


def in_travel_mode(opened: Opened) -> str | None:
    from fieldkit.vault.project import KEY_FILE, LEGACY_KEY_FILE

    root = opened.trial / "project"
    for key_file in (KEY_FILE, LEGACY_KEY_FILE):
        if (root / key_file).exists():
            return f"{key_file} is still on the laptop"
    return None if opened.mode == "travel" else f"opened by {opened.mode}, not by the travel key"


def out_of_travel_mode(opened: Opened) -> str | None:
    keys = opened.trial / "project" / "keys"
    left = [name for name in ("travel.age", "travel-key.age") if (keys / name).exists()]
    return f"travel files left: {left}" if left else None


def wiped(opened: Opened) -> str | None:
    from fieldkit.vault.project import PASSPHRASE_KEY_FILES

    root = opened.trial / "project"
    left = [str(path) for path in PASSPHRASE_KEY_FILES if (root / path).exists()]
    if left:
        return f"{', '.join(left)} still on the laptop after a quick wipe"
    return None if opened.mode == "archive" else f"opened by {opened.mode}, not only by the archive key"


def rotated(opened: Opened) -> str | None:
    return None if opened.mode == f"passphrase {NEW_PASSPHRASE!r}" else f"opened by {opened.mode}"


def passphrase_command_missing() -> str | None:
    probe = subprocess.run([sys.executable, "-m", "fieldkit.cli", "passphrase", "--help"], capture_output=True,
                           env=cli_env(), cwd=REPO, timeout=120)
    if probe.returncode != 0:
        return "rotation: `fieldkit passphrase` does not exist yet (`fieldkit passphrase --help` failed)"
    return None


def travel_unlock_rerun(out: Outcome) -> str | None:
    if out.returncode == 0 or (out.returncode == 12 and "not in travel mode" in out.stderr):
        return None
    return f"exit {out.returncode} (accepted: 0, or 12 'not in travel mode'): {_last_error(out)}"


COMMANDS: dict[str, Command] = {c.name: c for c in [
    Command("import", "base", ("capture", "import", "P1", str(FIXTURES / "short_en.wav")),
            rerun=zero_or(10, "already imported"),
            rerun_doc="exit 0, or exit 10 'already imported' (the first run had committed the interview)",
            end_state=one_imported_audio, end_state_doc="exactly one interview of P1 holds the audio",
            markers=(CANARY_NAME,)),
    Command("notes", "base", ("capture", "notes", "P1", "-"), stdin=CANARY_NOTE_LINE + "\n",
            end_state=notes_stored,
            end_state_doc="at least one notes interview, each holding a live object (a rerun after a finished "
                          "first run stores a second one: notes have no duplicate check)"),
    Command("lexicon-add", "base", ("lexicon", "add", "--type", "PERSON"), stdin=CANARY_NAME + "\n",
            end_state=lexicon_entry_stored,
            end_state_doc="the lexicon holds the typed name exactly once (a rerun finds it there already)",
            markers=(CANARY_NAME,), quick_families=("fsync",)),
    Command("transcribe", "imported", ("transcribe", "P1-1", "--lang", "en"),
            rerun=zero_or(12, "already transcribed"),
            rerun_doc="exit 0, or exit 12 'already transcribed' (the first run had committed)",
            end_state=transcribed, end_state_doc="P1-1 has exactly one live transcript",
            markers=(CANARY_NAME, SPOKEN_EN), cap=4),
    Command("anonymise", "transcribed", ("anonymise", "P1-1", "--accept-suggestions", "--approve"),
            rerun=zero_or(12, "already approved"),
            rerun_doc="exit 0, or exit 12 'already approved' (the first run had committed the approval)",
            end_state=approved, end_state_doc="P1-1 is approved with an anonymised text", cap=20),
    Command("code-apply", "approved", ("code", "apply", "P1-1", CODE_NAME, "--text-file", "-"),
            stdin=CODED_QUOTE + "\n",
            end_state=one_coding, end_state_doc="exactly one coding on P1-1 (apply is idempotent)",
            quick_families=("fsync",)),
    Command("code-import", "coded", ("code", "import", "{scene}/team.csv", "--yes"),
            end_state=codebook_merged,
            end_state_doc="the file's tree and description applied in full, the coding kept, the import logged",
            quick_families=("fsync",)),
    Command("export", "coded", ("export", "--format", "csv", "--out", "{out}/x.csv"),
            end_state=export_written, end_state_doc="out/x.csv holds the coded excerpt and the export is logged"),
    Command("retention-run", "full", ("retention", "run"), now=LATER,
            end_state=audio_destroyed, end_state_doc="no audio of P1 is live", quick_families=("unlink",)),
    Command("withdraw", "full", ("consent", "withdraw", "P1", "--yes"),
            rerun=zero_or(12, "already withdrawn"),
            rerun_doc="exit 0, or exit 12 'already withdrawn' — accepted only with the end state below",
            end_state=withdrawn, end_state_doc="P1 is withdrawn and none of P1's objects is live",
            quick_families=("unlink",)),
    Command("discard", "full", ("interview", "discard", "P1-1", "--yes"),
            rerun=zero_or(12, "already discarded"),
            rerun_doc="exit 0, or exit 12 'already discarded' — accepted only with the end state below",
            end_state=discarded, end_state_doc="P1-1 is marked discarded and none of its objects is live",
            quick_families=("unlink",)),
    Command("seal", "full", ("seal", "P1-1"),
            end_state=sealed, end_state_doc="P1-1 is marked sealed; its objects are sealed, none readable here"),
    Command("travel-lock", "full", ("travel", "lock"),
            rerun=zero_or(4, "travel mode"),
            rerun_doc="exit 0, or exit 4 'travel mode' (the first run had wiped the passphrase keys)",
            end_state=in_travel_mode,
            end_state_doc="no passphrase-wrapped keys; the travel key the institution releases opens it"),
    Command("travel-unlock", "locked", ("travel", "unlock", "--key-file", "{scene}/travel.key"),
            env={"FIELDKIT_NEW_PASSPHRASE": NEW_PASSPHRASE},
            passphrases=(NEW_PASSPHRASE,), final_passphrases=(NEW_PASSPHRASE,),
            rerun=travel_unlock_rerun,
            rerun_doc="exit 0, or exit 12 'not in travel mode' (the first run had finished)",
            end_state=out_of_travel_mode, end_state_doc="the new passphrase opens it; no travel key file is left",
            quick_families=("fsync",)),
    Command("wipe", "full", ("wipe", "--yes"), end_state=wiped,
            end_state_doc="no passphrase key file is left; the institution's archive key still opens the project",
            quick_families=("unlink",)),
    # Rotation: `fieldkit passphrase` (old passphrase in FIELDKIT_PASSPHRASE, new in FIELDKIT_NEW_PASSPHRASE).
    # Skipped (with the reason) while `fieldkit passphrase --help` fails: it did not exist when this was written.
    Command("rotation", "full", ("passphrase",), env={"FIELDKIT_NEW_PASSPHRASE": NEW_PASSPHRASE},
            passphrases=(PASSPHRASE, NEW_PASSPHRASE), final_passphrases=(NEW_PASSPHRASE,),
            rerun=zero_or(3, "passphrase"),
            rerun_doc="exit 0, or exit 3 (the old passphrase no longer opens: the first run had finished)",
            end_state=rotated, end_state_doc="the new passphrase opens it (and the old one does not)",
            available=passphrase_command_missing),
]}


# ---------------------------------------------------------------------------------------------------- running


def run_command(cmd: Command, trial: Path, fault: tuple[str, int] | None = None, *,
                trace_file: Path | None = None, timeout: int = 600) -> Outcome:
    argv = cmd.argv(trial)
    if fault is not None:
        syscall, n = fault
        argv = [STRACE, "-f", "-qq", "-o", "/dev/null", "-e", f"trace={syscall}",
                "-e", f"inject={syscall}:signal=KILL:when={n}", "--", *argv]
    elif trace_file is not None:
        argv = [STRACE, "-f", "-qq", "-o", str(trace_file), "-e", f"trace={','.join(ALL_SYSCALLS)}", "--", *argv]
    env = cli_env({"FIELDKIT_NOW": cmd.now, **cmd.env})
    done = subprocess.run(argv, input=(cmd.stdin or "").encode(), capture_output=True, env=env, cwd=trial,
                          timeout=timeout)
    return Outcome(done.returncode, done.stdout.decode(errors="replace"), done.stderr.decode(errors="replace"))


_LINE = re.compile(r"^(\d+)\s+([a-z0-9_]+)\(")


def count_syscalls(trace: Path) -> tuple[dict[str, int], dict[str, int], dict[str, list[str]]]:
    """From a `strace -f -o` file: per syscall, the most calls any one tracee made, how many tracees made it,
    and a few sample lines."""
    return count_syscalls_from_lines(trace.read_text(errors="replace").splitlines())


def count_syscalls_from_lines(lines) -> tuple[dict[str, int], dict[str, int], dict[str, list[str]]]:
    per: dict[tuple[str, str], int] = defaultdict(int)
    samples: dict[str, list[str]] = defaultdict(list)
    for line in lines:
        match = _LINE.match(line)  # "<... resumed>" halves do not match: each call is counted once
        if not match or match.group(2) not in FAMILY_OF:
            continue
        per[(match.group(1), match.group(2))] += 1
        if len(samples[match.group(2)]) < 400:
            samples[match.group(2)].append(line[:200])
    counts: dict[str, int] = defaultdict(int)
    tracees: dict[str, int] = defaultdict(int)
    for (_pid, name), n in per.items():
        counts[name] = max(counts[name], n)
        tracees[name] += 1
    return dict(counts), dict(tracees), dict(samples)


def spread(items: list, cap: int) -> list:
    """At most ``cap`` items, evenly spread, first and last included."""
    if len(items) <= cap:
        return list(items)
    if cap == 1:
        return [items[len(items) // 2]]
    picks = sorted({round(i * (len(items) - 1) / (cap - 1)) for i in range(cap)})
    return [items[i] for i in picks]


def pick_sample(items: list, which: tuple[str, ...]) -> list:
    if not items:
        return []
    index = {"first": 0, "middle": (len(items) - 1) // 2, "last": len(items) - 1}
    return [items[i] for i in sorted({index[w] for w in which})]


def plan(cmd: Command, scenes: Scenes, workdir: Path, *, full: bool, sample: tuple[str, ...] | None = None) -> Plan:
    trial = scenes.copy(cmd.scene, workdir / f"{cmd.name}-count")
    trace = workdir / f"{cmd.name}-count.trace"
    outcome = run_command(cmd, trial, trace_file=trace)
    if outcome.returncode != 0:
        raise RuntimeError(f"the clean run of {cmd.name} failed: exit {outcome.returncode}: {_last_error(outcome)}")
    counts, tracees, samples = count_syscalls(trace)
    trials: dict[str, list[tuple[str, int]]] = {}
    available: dict[str, int] = {}
    capped: dict[str, bool] = {}
    for family, names in FAMILIES.items():
        every = [(name, n) for name in names for n in range(1, counts.get(name, 0) + 1)]
        available[family] = len(every)
        if full:
            chosen = spread(every, cmd.cap)
        elif family in cmd.quick_families or sample:
            chosen = pick_sample(every, sample or cmd.sample)
        else:
            chosen = []
        capped[family] = len(chosen) < len(every)
        trials[family] = chosen
    shutil.rmtree(trial, ignore_errors=True)
    return Plan(cmd.name, counts, tracees, samples, trials, available, capped)


# ---------------------------------------------------------------------------------------------------- invariants


@dataclass
class Opened:
    project: object
    mode: str  # how it was opened: "passphrase '…'" or "travel"
    trial: Path


class InvariantFailed(Exception):
    def __init__(self, invariant: str, message: str) -> None:
        super().__init__(message)
        self.invariant = invariant
        self.message = message


@contextlib.contextmanager
def open_trial(trial: Path, cmd: Command, passphrases: tuple[str, ...]):
    """Open the project the way a user would after the crash: with the passphrase through open_session (which
    runs the start-up recovery), or, in travel mode, with the travel key the institution would release. Travel
    mode counts as a way in when there is no passphrase key file (any more: the start-up recovery may have
    finished an interrupted `travel lock`); a passphrase key file that no passphrase opens is a failure."""
    import pyrage

    from fieldkit.session import open_session, start
    from fieldkit.vault import keys
    from fieldkit.vault.project import ARCHIVE_KEY_FILE, KEY_FILE, TRAVEL_IDENTITY_FILE, TRAVEL_KEY_FILE, Project

    root = trial / "project"
    clock = fixed_clock(cmd.now)
    errors = []

    def travel_keys():
        institution = pyrage.x25519.Identity.from_str((trial / "institution.key").read_text().strip())
        travel_key = pyrage.decrypt((root / TRAVEL_IDENTITY_FILE).read_bytes(), [institution]).decode()
        return keys.unwrap_with_identity((root / TRAVEL_KEY_FILE).read_bytes(), travel_key)

    if (root / KEY_FILE).exists():
        for passphrase in passphrases:
            try:
                session = open_session(root, passphrase, clock)
            except Exception as exc:  # noqa: BLE001 - any failure to open is the finding
                errors.append(f"passphrase {passphrase[:8]}…: {type(exc).__name__}: {exc}")
                continue
            try:
                yield Opened(session.project, f"passphrase {passphrase!r}", trial)
            finally:
                session.close()
            return
        if (root / KEY_FILE).exists():
            if (root / TRAVEL_KEY_FILE).exists():  # say whether the institution could still get the user back in
                try:
                    Project._unlock(root.resolve(), travel_keys(), clock).close()
                    errors.append(f"{KEY_FILE} is still there, but only the travel key opens the database")
                except Exception as exc:  # noqa: BLE001
                    errors.append(f"the travel key does not open it either ({type(exc).__name__})")
            raise InvariantFailed("opens", "; ".join(errors))
    def archive_keys():
        institution = (trial / "institution.key").read_text().strip()
        return keys.unwrap_with_identity((root / ARCHIVE_KEY_FILE).read_bytes(), institution)

    way_in = (("travel", travel_keys, "travel mode, the travel key") if (root / TRAVEL_KEY_FILE).exists()
              else ("archive", archive_keys, "wiped, and the archive key")  # the way back a quick wipe leaves
              if cmd.name == "wipe" and (root / ARCHIVE_KEY_FILE).exists() else None)
    if way_in is not None:
        mode, project_keys, failed = way_in
        try:
            project = Project._unlock(root.resolve(), project_keys(), clock)
            start(project)
        except Exception as exc:  # noqa: BLE001
            raise InvariantFailed("opens", f"{failed} does not open it: {type(exc).__name__}: {exc}") from None
        try:
            yield Opened(project, mode, trial)
        finally:
            project.close()
        return
    raise InvariantFailed("opens", f"neither {KEY_FILE} nor {TRAVEL_KEY_FILE} is there: no way in")


def check_invariants(trial: Path, cmd: Command, passphrases: tuple[str, ...],
                     end_state: StateCheck | None = None) -> list[tuple[str, str]]:
    """Every invariant that fails, as (invariant, message)."""
    found: list[tuple[str, str]] = []
    try:
        with open_trial(trial, cmd, passphrases) as opened:
            found += _check_opened(opened)
            if end_state is not None:
                try:
                    problem = end_state(opened)
                except Exception as exc:  # noqa: BLE001
                    problem = f"{type(exc).__name__}: {exc}"
                if problem:
                    found.append(("end state", problem))
    except InvariantFailed as exc:
        found.append((exc.invariant, exc.message))
    found += _check_archive_key(trial)
    found += _check_files(trial, cmd)
    return found


def _check_opened(opened: Opened) -> list[tuple[str, str]]:
    import pyrage

    from fieldkit.audit.chain import verify

    project = opened.project
    found: list[tuple[str, str]] = []
    try:
        verify(project.audit.entries(), None, project.audit.public_key())
    except Exception as exc:  # noqa: BLE001
        found.append(("audit verify", f"{type(exc).__name__}: {exc}"))

    institution = None
    key_file = opened.trial / "institution.key"
    if key_file.exists():
        institution = pyrage.x25519.Identity.from_str(key_file.read_text().strip())
    conn = project.conn
    rows = conn.execute("SELECT id, kind, destroyed, sealed, blob_sha256 FROM objects").fetchall()
    keyed = {object_id for (object_id,) in conn.execute("SELECT object_id FROM object_keys")}
    kept: set[str] = set()
    for object_id, kind, destroyed, sealed_at, sha in rows:
        label = f"{kind} {object_id[:12]}"
        path = project.objects.blob_path(object_id)
        if destroyed:
            if object_id in keyed:
                found.append(("half-there", f"destroyed {label} still has its key"))
            continue
        kept.add(object_id)
        if sealed_at:
            if object_id in keyed:
                found.append(("half-there", f"sealed {label} still has its local key"))
            if not path.is_file():
                found.append(("half-there", f"sealed {label}: the blob is missing"))
                continue
            blob = path.read_bytes()
            if hashlib.sha256(blob).hexdigest() != sha:
                found.append(("half-there", f"sealed {label}: the blob on disk is not the sealed copy the index "
                                            "records (checksum differs)"))
            elif institution is not None:
                try:
                    pyrage.decrypt(blob, [institution])
                except Exception as exc:  # noqa: BLE001
                    found.append(("decrypts", f"sealed {label}: the archive key cannot open it ({exc})"))
            continue
        try:
            project.objects.get(object_id)
        except Exception as exc:  # noqa: BLE001
            found.append(("decrypts", f"{label}: {type(exc).__name__}: {exc}"))
    # interviews must not point at objects that are not there
    cursor = conn.execute("SELECT * FROM interviews")
    names = [d[0] for d in cursor.description]
    known = {row[0] for row in rows}
    for row in cursor.fetchall():
        item = dict(zip(names, row, strict=True))
        for column, value in item.items():
            if column.endswith("_object") and value and value not in known:
                found.append(("half-there", f"interview {item['id']}.{column} names an object that has no row"))
    # no blob without its (live or sealed) row
    blobs = project.objects.root
    for path in sorted(blobs.rglob("*")) if blobs.exists() else []:
        if path.is_dir():
            continue
        if path.name.endswith(".age") and path.name[:-4] in kept:
            continue
        object_id = path.name.split(".")[0].lstrip(".")
        why = ("destroyed object's blob left" if object_id in known else "blob without a row")
        if not path.name.endswith(".age"):
            why = "stray file in blobs/"
        found.append(("orphan", f"{why}: {path.relative_to(opened.trial)}"))
    return found


def _check_archive_key(trial: Path) -> list[tuple[str, str]]:
    """keys/archive.age, when there, must open the database (the institution's way back in)."""
    import pyrage

    from fieldkit.vault import db, keys

    archive = trial / "project" / "keys" / "archive.age"
    key_file = trial / "institution.key"
    if not archive.exists() or not key_file.exists():
        return [("archive key", "keys/archive.age is missing")] if key_file.exists() else []
    try:
        identity = str(pyrage.x25519.Identity.from_str(key_file.read_text().strip()))
        project_keys = keys.unwrap_with_identity(archive.read_bytes(), identity)
        conn = db.connect(trial / "project" / "vault.db", project_keys.db_key)
        try:
            conn.execute("SELECT COUNT(*) FROM objects").fetchone()
        finally:
            conn.close()
    except Exception as exc:  # noqa: BLE001
        return [("archive key", f"keys/archive.age does not open vault.db: {type(exc).__name__}: {exc}")]
    return []


_TEMP = re.compile(r"(\.tmp$|\.sealed$|\.next$|\.creating-)")


def _encodings(marker: str) -> set[bytes]:
    forms = set()
    for text in {marker, marker.lower(), marker.upper(), marker.title()}:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "cp1251", "koi8-r"):
            with contextlib.suppress(UnicodeEncodeError):
                forms.add(text.encode(encoding))
    return forms


def _pcm_marker() -> bytes:
    """A run of samples from the middle of short_en.wav's data: raw audio left on disk would carry it."""
    data = (FIXTURES / "short_en.wav").read_bytes()
    start = data.find(b"data") + 8
    middle = start + (len(data) - start) // 2
    return data[middle:middle + 64]


def _check_files(trial: Path, cmd: Command) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    project = trial / "project"
    for path in sorted(p for p in trial.rglob("*") if p.is_file()):
        relative = path.relative_to(trial)
        if _TEMP.search(path.name) and relative.parts[0] in ("project", "out"):
            found.append(("temp file", f"{relative} ({path.stat().st_size} B)"))
    for parent in (trial, project.parent):
        for path in parent.glob(".project.creating-*"):
            found.append(("temp file", str(path.relative_to(trial))))
    markers = {m: _encodings(m) for m in cmd.markers}
    pcm = _pcm_marker()
    for folder, names in ((project, markers), (trial / "out", {m: markers.get(m) or _encodings(m)
                                                                for m in cmd.out_markers})):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            data = path.read_bytes()
            for marker, forms in names.items():
                if any(form in data for form in forms):
                    found.append(("plaintext", f"{marker!r} in {path.relative_to(trial)}"))
            if pcm in data:
                found.append(("plaintext", f"raw audio of short_en.wav in {path.relative_to(trial)}"))
    return found


# ---------------------------------------------------------------------------------------------------- trials


def run_trial(cmd: Command, scenes: Scenes, workdir: Path, family: str, syscall: str, n: int) -> Trial:
    started = time.monotonic()
    trial = Trial(cmd.name, family, syscall, n)
    folder = scenes.copy(cmd.scene, workdir / f"{cmd.name}-{syscall}-{n}")

    def fail(invariant: str, message: str) -> None:
        trial.failures.append(Failure(cmd.name, family, syscall, n, invariant, message))

    try:
        killed = run_command(cmd, folder, (syscall, n))
        trial.killed = killed.returncode in KILLED
        trial.kill_exit = killed.returncode
        for invariant, message in check_invariants(folder, cmd, cmd.passphrases):
            fail(f"after kill: {invariant}", message)
        rerun = run_command(cmd, folder)
        problem = cmd.rerun(rerun)
        if problem:
            fail("rerun", problem)
        for invariant, message in check_invariants(folder, cmd, cmd.final_passphrases, cmd.end_state):
            fail(f"after rerun: {invariant}", message)
    except Exception as exc:  # noqa: BLE001 - a harness error is reported, not raised mid-sweep
        fail("harness", f"{type(exc).__name__}: {exc}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    trial.seconds = time.monotonic() - started
    return trial


def run_command_sweep(name: str, scenes: Scenes, workdir: Path, *, full: bool,
                      sample: tuple[str, ...] | None = None,
                      progress: Callable[[str], None] | None = None) -> CommandResult:
    cmd = COMMANDS[name]
    started = time.monotonic()
    if cmd.available is not None and (reason := cmd.available()):
        return CommandResult(name, None, skipped=reason)
    try:
        the_plan = plan(cmd, scenes, workdir, full=full, sample=sample)
    except Exception as exc:  # noqa: BLE001
        return CommandResult(name, None, error=f"{type(exc).__name__}: {exc}", seconds=time.monotonic() - started)
    result = CommandResult(name, the_plan)
    for family, chosen in the_plan.trials.items():
        for syscall, n in chosen:
            trial = run_trial(cmd, scenes, workdir, family, syscall, n)
            result.trials.append(trial)
            if progress:
                state = "killed" if trial.killed else f"not killed (exit {trial.kill_exit})"
                progress(f"{name} {syscall}#{n}: {state}, {len(trial.failures)} failure(s), {trial.seconds:.1f}s")
    result.seconds = time.monotonic() - started
    return result


# ---------------------------------------------------------------------------------------------------- report


def table(results: list[CommandResult]) -> str:
    lines = ["command         rename       fsync        unlink       killed  failed-trials  failures  seconds"]
    for r in results:
        if r.skipped or r.error:
            lines.append(f"{r.command:<15} {'SKIPPED: ' + r.skipped if r.skipped else 'ERROR: ' + r.error}")
            continue
        cells = []
        for family in FAMILIES:
            run = len(r.plan.trials[family])
            total = r.plan.available[family]
            cells.append(f"{run}/{total}{'*' if r.plan.capped[family] else ''}".ljust(12))
        killed = sum(t.killed for t in r.trials)
        failed = sum(bool(t.failures) for t in r.trials)
        lines.append(f"{r.command:<15} {' '.join(cells)} {killed:<7} {failed:<14} {len(r.failures):<9} "
                     f"{r.seconds:.0f}")
    lines.append("(run/made: trials run / (syscall, N) pairs the clean run made; * = sampled or capped)")
    return "\n".join(lines)


def failure_lines(results: list[CommandResult]) -> str:
    lines = []
    for r in results:
        for f in r.failures:
            lines.append(f.line())
    return "\n".join(lines)


_WORKER_SCENES: Scenes | None = None


def _sweep_in_worker(name: str, workdir: Path, full: bool, cap: int | None) -> CommandResult:
    """One command's sweep in a pool worker; each worker builds its own scenes once."""
    global _WORKER_SCENES
    if _WORKER_SCENES is None:
        _WORKER_SCENES = Scenes(Path(tempfile.mkdtemp(dir=workdir, prefix="scenes-")))
    if cap:
        COMMANDS[name].cap = min(COMMANDS[name].cap, cap)
    sub = workdir / name
    sub.mkdir(parents=True, exist_ok=True)
    return run_command_sweep(name, _WORKER_SCENES, sub, full=full,
                             progress=lambda line: print(line, file=sys.stderr, flush=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="crash-harness", description=__doc__.splitlines()[0])
    parser.add_argument("commands", nargs="*", help=f"default: all of {', '.join(COMMANDS)}")
    parser.add_argument("--sample", action="store_true", help="only the quick sample the default test run uses")
    parser.add_argument("--cap", type=int, help="lower every command's per-family cap to this")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="commands swept in parallel (default 1)")
    parser.add_argument("--probe", action="store_true", help="only show how strace counts when=N")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    if reason := strace_unavailable():
        print(f"crash-harness: cannot run: {reason}", file=sys.stderr)
        return 3
    names = args.commands or list(COMMANDS)
    unknown = [n for n in names if n not in COMMANDS]
    if unknown:
        parser.error(f"unknown command(s): {', '.join(unknown)}")
    workdir = (args.keep or Path(tempfile.mkdtemp(prefix="fieldkit-crash-"))).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    try:
        if args.probe:
            for question, answer in probe_strace_counting(workdir).items():
                print(f"{question}: {answer}")
            return 0
        if args.jobs > 1:
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(max_workers=args.jobs) as pool:
                futures = [pool.submit(_sweep_in_worker, name, workdir, not args.sample, args.cap) for name in names]
                results = [future.result() for future in futures]
        else:
            results = [_sweep_in_worker(name, workdir, not args.sample, args.cap) for name in names]
        for result in results:
            print(f"{result.command}: {len(result.trials)} trials, {len(result.failures)} failures", file=sys.stderr)
        print(table(results))
        print(f"total: {sum(len(r.trials) for r in results)} trials, {sum(len(r.failures) for r in results)} "
              f"failures, {time.monotonic() - started:.0f} s")
        details = failure_lines(results)
        print("\nfailures (command, family, syscall#N, invariant, message):")
        print(details or "none")
        return 1 if details or any(r.error for r in results) else 0
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
