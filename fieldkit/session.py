"""One way to open a project, for every front end: unlock → recover interrupted recordings → clock check →
retention enforcement, with a start-up report of everything that happened on the way.

The CLI and the TUI both call :func:`open_session` and both show the whole report, so a safety message (the
clock went backwards, what retention destroyed, a recording recovered after a crash) can never be dropped by
one of them. :func:`create_project` is the one way to make a project: it checks that everything the policy
names (consent scripts, categories) resolves before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import fieldkit.services  # noqa: F401 - installs the pipeline's event handlers before any command runs
from fieldkit.capture.recorder import recover_interrupted
from fieldkit.clock import Clock
from fieldkit.consent import scripts as consent_scripts
from fieldkit.retention.policy import load_policy
from fieldkit.retention.schedule import (
    Enforcement,
    Item,
    bind_deadlines,
    clock_went_backwards,
    enforce,
    install_deadline_locks,
    record_timer_destructions,
)
from fieldkit.vault import intents
from fieldkit.vault.project import Project


@dataclass(frozen=True)
class Notice:
    """One line of the start-up report. ``level`` is "note", "warning" or "retention"."""

    level: str
    text: str


@dataclass
class StartupReport:
    #: interrupted operations finished or rolled back (a seal, a withdrawal, an export, a travel lock…)
    finished: list[str] = field(default_factory=list)
    cleaned: list[str] = field(default_factory=list)  # crash leftovers removed (paths inside the project)
    recovered: list[str] = field(default_factory=list)  # interview ids of recordings finished after a crash
    clock_warning: str | None = None
    destroyed: list[Item] = field(default_factory=list)
    failed: list[tuple[Item, str]] = field(default_factory=list)  # (item, error type)

    def add_enforcement(self, result: Enforcement) -> None:
        self.destroyed.extend(result.destroyed)
        self.failed.extend(result.failed)

    @property
    def notices(self) -> list[Notice]:
        """Everything worth telling the user, in the order it happened; the same words in CLI and TUI."""
        notices = [Notice("note", line) for line in self.finished]
        if self.cleaned:
            notices.append(Notice("note", f"removed {len(self.cleaned)} file(s) left by an interrupted command"
                                          " (unreadable ciphertext or temporary copies)"))
        notices.extend(Notice("note", f"recovered an interrupted recording as interview {interview}")
                       for interview in self.recovered)
        if self.clock_warning:
            notices.append(Notice("warning", f"clock went backwards: {self.clock_warning}; deadlines use the"
                                             " later time"))
        notices.extend(Notice("retention", destroyed_line(item)) for item in self.destroyed)
        notices.extend(Notice("warning", f"could not destroy {item.kind} {item.object[:12]}: {reason}")
                       for item, reason in self.failed)
        return notices


def destroyed_line(item: Item) -> str:
    owner = f" of {item.interview or item.respondent}" if (item.interview or item.respondent) else ""
    return f"destroyed {item.kind}{owner} ({item.object[:12]}) under rule {item.rule}"


@dataclass
class Session:
    """An unlocked project and what happened while opening it. Close it (or use ``with``)."""

    project: Project
    report: StartupReport

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.project.close()


def _bind_if_changed(project: Project, seq_at_open: int) -> None:
    """Lock deadlines again only when the command logged something (a store, an approval): every change
    that can give an object a deadline is an audit entry, and enforcement bound the rest at opening."""
    head = project.audit.head()
    if head is not None and head.seq > seq_at_open:
        bind_deadlines(project)


def start(project: Project, *, enforce_retention: bool = True) -> StartupReport:
    """What every opening does after the unlock; closes the project if any step fails."""
    report = StartupReport()
    try:
        install_deadline_locks(project)
        report.finished = list(project.recovery_notes) + intents.finish_interrupted(project)
        report.cleaned = project.clean_leftovers().paths
        report.recovered = recover_interrupted(project)
        report.clock_warning = clock_went_backwards(project)
        with project.transaction():
            project.audit.raise_high_water()  # the latest time seen, kept: a clock set back is caught later too
            project.audit.declare_key()  # a project made before the chain named its key does so now
        if enforce_retention:
            report.add_enforcement(enforce(project))
        else:  # what the timer already destroyed is recorded, never left looking alive
            with project.objects.erasure_batch():
                report.destroyed.extend(record_timer_destructions(project))
        head = project.audit.head()
        opened_at = head.seq if head else 0  # enforcement has just bound every deadline up to here
        # what a command gives a deadline (an approval) is locked to it before the project closes: the retention
        # timer must be able to destroy it even if the project is never opened again
        project.before_close = lambda: _bind_if_changed(project, opened_at)
    except BaseException:
        project.close()
        raise
    return report


def open_session(root: Path, passphrase: str, clock: Clock, *, enforce_retention: bool = True) -> Session:
    """Unlock ``root`` and run the start-up steps. ``enforce_retention=False`` is for commands that only
    report deadlines (``retention status``) or enforce them themselves (``retention run``)."""
    project = Project.open(Path(root), passphrase, clock)
    return Session(project, start(project, enforce_retention=enforce_retention))


def create_project(root: Path, policy_path: Path, passphrase: str, clock: Clock,
                   archive_recipients: tuple[str, ...] = ()) -> Project:
    """Create a project after checking that the policy's references (consent scripts) resolve."""
    consent_scripts.check_policy_references(load_policy(policy_path))
    return Project.create(root, policy_path, passphrase, clock, archive_recipients)
