"""Retention: which stored item must be destroyed by when, under which rule, and destroying it on time.

An item's deadline is the earliest over every rule that applies to its kind (or to ``all``) whose event
has happened: ``stored`` (the object was stored), ``transcript_approved`` (its interview was approved),
``project_end`` (the policy's end date, 00:00 UTC), ``consent_withdrawn`` (its respondent withdrew),
``export_done`` (for export files fieldkit wrote). Items are kept until their deadline and destroyed by the
first enforcement run at or after it.

Time never runs backwards here: "now" is the later of the clock and the latest time the project has seen
(a high-water mark raised by every command, and the newest audit entry), so setting the laptop clock back
cannot postpone a destruction; every command warns while the clock is behind, and the audit chain records
the jump on every write.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fieldkit import pipeline
from fieldkit.clock import format_instant, parse_instant
from fieldkit.consent.respondents import respondent_category, withdrawal_of
from fieldkit.errors import NotFound
from fieldkit.interviews import get_interview
from fieldkit.retention.policy import Rule, rule_name  # noqa: F401 (rule_name re-exported)
from fieldkit.vault import deadline_locks
from fieldkit.vault.project import Project

#: An item past its deadline by more than this is "overdue" rather than just "due".
GRACE = timedelta(hours=24)
#: kept: no rule gives it a deadline (none applies, or its event has not happened); pending: deadline ahead.
STATES = ("kept", "pending", "due", "overdue", "destroyed")
#: How the front ends word a state where the bare word would mislead ("pending" with no deadline did).
STATE_LABELS = {"kept": "kept, no rule"}


@dataclass(frozen=True)
class Item:
    object: str
    kind: str
    respondent: str | None
    interview: str | None
    rule: str | None
    deadline: datetime | None
    state: str
    destroyed: datetime | None = None
    lateness: timedelta | None = None  # for destroyed items: how late (zero when on time)

    @property
    def state_label(self) -> str:
        return STATE_LABELS.get(self.state, self.state)

    def as_json(self) -> dict:
        return {
            "object": self.object,
            "kind": self.kind,
            "respondent": self.respondent,
            "rule": self.rule,
            "deadline": format_instant(self.deadline) if self.deadline else None,
            "state": self.state,
        }


def effective_now(project: Project) -> datetime:
    """The later of the clock and the latest time any command has seen (the high-water mark kept in the
    database, or the newest audit entry): a clock set back cannot delay a deadline."""
    now = project.clock.now()
    latest = project.audit.latest_seen()
    return max(now, latest) if latest is not None else now


def clock_went_backwards(project: Project) -> str | None:
    """A warning while the clock is behind the high-water mark: on every command until time passes it."""
    latest = project.audit.latest_seen()
    if latest is not None and project.clock.now() < latest:
        return (f"the clock says {format_instant(project.clock.now())}, but this project already saw "
                f"{format_instant(latest)}")
    return None


def _project_end(project: Project) -> datetime:
    end = project.policy.project_end
    return datetime(end.year, end.month, end.day, tzinfo=UTC)


def first_approvals(project: Project) -> dict[str, datetime]:
    """When each interview's transcript was first approved, from the signed log. A deadline counts from the
    first approval: an edit or a review decision clears the approval, and approving again must not start a
    new window (that would let anyone postpone a destruction indefinitely)."""
    first: dict[str, datetime] = {}
    for ts, data in project.conn.execute(
        "SELECT ts, data FROM audit WHERE event = 'transcript_approved' ORDER BY seq"
    ).fetchall():
        interview = json.loads(data).get("interview")
        when = parse_instant(ts)
        if interview and (interview not in first or when < first[interview]):
            first[interview] = when
    return first


def _captured(project: Project, interview: str | None, created: str) -> datetime:
    """When the interview was captured (its row was made); an object of no interview: when it was stored."""
    if interview:
        try:
            return min(parse_instant(get_interview(project, interview).created), parse_instant(created))
        except NotFound:
            pass
    return parse_instant(created)


def _event_times(project: Project, kind: str, created: str, respondent: str | None, interview: str | None,
                 approvals: dict[str, datetime] | None = None):
    """When each policy event happened for this item (absent if it has not happened). Every time here is fixed
    once it happens, so no deadline ever moves later."""
    times = {"stored": parse_instant(created), "project_end": _project_end(project),
             "captured": _captured(project, interview, created)}
    if kind == "export":
        times["export_done"] = parse_instant(created)
    if interview:
        approvals = first_approvals(project) if approvals is None else approvals
        if interview in approvals:
            times["transcript_approved"] = approvals[interview]
    if respondent:
        withdrawal = withdrawal_of(project, respondent)
        if withdrawal and withdrawal.scope == "all":
            times["consent_withdrawn"] = parse_instant(withdrawal.when)
    return times


def _deadline(project: Project, kind, created, respondent, interview,
              approvals: dict[str, datetime] | None = None) -> tuple[datetime | None, str | None]:
    category = respondent_category(project, respondent) if respondent else None
    times = _event_times(project, kind, created, respondent, interview, approvals)
    best: tuple[datetime | None, str | None] = (None, None)
    for rule in project.policy.rules:
        if rule.applies_to not in (kind, "all") or rule.after not in times:
            continue
        if rule.categories and category not in rule.categories:
            continue
        deadline = times[rule.after] + rule.within
        if best[0] is None or deadline < best[0]:
            best = (deadline, rule_name(rule))
    return best


def _state(deadline: datetime | None, now: datetime) -> str:
    if deadline is None:
        return "kept"
    if now < deadline:
        return "pending"
    return "due" if now - deadline <= GRACE else "overdue"


def items(project: Project, *, include_destroyed: bool = True) -> list[Item]:
    """Every stored object and every export file fieldkit wrote, with its rule, deadline and state."""
    now = effective_now(project)
    approvals = first_approvals(project)
    found = []
    for obj in project.objects.list(include_destroyed=True):
        found.append(_item(project, now, obj.id, obj.kind, obj.respondent, obj.interview, obj.created, obj.destroyed,
                           approvals))
    for export_id, created, destroyed in project.conn.execute(
        "SELECT id, created, destroyed FROM exports ORDER BY created, id"
    ).fetchall():
        found.append(_item(project, now, export_id, "export", None, None, created, destroyed))
    return [item for item in found if include_destroyed or item.state != "destroyed"]


def _item(project, now, object_id, kind, respondent, interview, created, destroyed, approvals=None) -> Item:
    if destroyed:
        rule = project.audit.destruction_rule(object_id)
        deadline, _ = _deadline(project, kind, created, respondent, interview, approvals)
        when = parse_instant(destroyed)
        lateness = max(timedelta(0), when - deadline) if deadline else timedelta(0)
        return Item(object_id, kind, respondent, interview, rule, deadline, "destroyed", when, lateness)
    deadline, rule = _deadline(project, kind, created, respondent, interview, approvals)
    return Item(object_id, kind, respondent, interview, rule, deadline, _state(deadline, now))


@dataclass(frozen=True)
class Enforcement:
    destroyed: list[Item]
    failed: list[tuple[Item, str]]


def enforce(project: Project) -> Enforcement:
    """Record what the retention timer destroyed while the project was closed, destroy every item whose
    deadline has come (cryptographic erasure, logged with its rule), and lock the keys of the rest to their
    deadlines (vault.deadline_locks)."""
    destroyed, failed = [], []
    with project.objects.erasure_batch():  # one key rotation for the lot (vault.rotation)
        destroyed.extend(record_timer_destructions(project))
        listed = items(project, include_destroyed=False)
        for item in listed:
            if item.state not in ("due", "overdue"):
                continue
            try:
                if item.kind == "export":
                    _delete_export(project, item)
                else:
                    project.objects.shred(item.object, reason="retention", rule=item.rule,
                                          deadline=format_instant(item.deadline) if item.deadline else None)
                destroyed.append(item)
            except Exception as exc:  # noqa: BLE001 - one failure must not stop the others; it is reported
                failed.append((item, type(exc).__name__))
        # a destroyed source's codings and memos go with it; published on every run, so an interrupted one is
        # caught up by the next
        pipeline.publish(project, pipeline.ObjectsDestroyed(tuple(item.object for item in destroyed)))
        bind_deadlines(project, [item for item in listed if item.state == "pending"])
    return Enforcement(destroyed, failed)


def record_timer_destructions(project: Project) -> list[Item]:
    """Objects whose deadline secret the timer erased while nobody had the project open: erase their keys
    here too and log each destruction with the rule and the time the timer erased it."""
    erased = project.objects.timer_destroyed()
    if not erased:
        return []
    by_object = {item.object: item for item in items(project, include_destroyed=False)}
    done = []
    for object_id, slot, when in erased:
        when = when or deadline_locks.slot_time(slot)
        item = by_object.get(object_id)
        rule = item.rule if item else None
        deadline = format_instant(item.deadline) if item and item.deadline else None
        project.objects.shred(object_id, reason="timer", rule=rule, when=when, slot=slot, deadline=deadline)
        if item is not None:
            lateness = max(timedelta(0), when - item.deadline) if item.deadline else timedelta(0)
            done.append(Item(item.object, item.kind, item.respondent, item.interview, rule, item.deadline,
                             "destroyed", when, lateness))
    return done


def bind_deadlines(project: Project, listed: list[Item] | None = None) -> int:
    """Lock every live object's key to its deadline (the timer then destroys it on time even if the project
    is never opened again); returns how many were locked or moved to an earlier slot."""
    if listed is None:
        listed = [item for item in items(project, include_destroyed=False) if item.state == "pending"]
    return sum(1 for item in listed
               if item.deadline and item.kind != "export" and project.objects.bind_deadline(item.object, item.deadline))


def install_deadline_locks(project: Project) -> None:
    """New objects are locked to their deadline as they are stored, not only at the next enforcement."""
    def deadline_of(kind: str, respondent: str | None, interview: str | None, created: str) -> datetime | None:
        return _deadline(project, kind, created, respondent, interview)[0]

    project.objects.deadline_of = deadline_of


def _delete_export(project: Project, item: Item) -> None:
    path_text, digest = project.conn.execute(
        "SELECT path, sha256 FROM exports WHERE id = ?", (item.object,)
    ).fetchone()
    path = Path(path_text)
    outcome = "missing"
    if path.is_file():
        if hashlib.sha256(path.read_bytes()).hexdigest() == digest:
            path.unlink()
            outcome = "deleted"
        else:
            outcome = "changed"  # someone edited it: fieldkit will not delete a file it did not write
    with project.transaction():
        project.conn.execute(
            "UPDATE exports SET destroyed = ? WHERE id = ?", (format_instant(project.clock.now()), item.object)
        )
        project.audit.append("export_deleted", object=item.object, kind="export", rule=item.rule, reason=outcome)


def record_export(conn, project: Project, path: Path, digest: str, interviews: tuple[str, ...] = ()) -> str:
    """Remember an export file (path, hash and the interviews it carried, inside the encrypted index) so
    export rules can reach it."""
    import json
    import secrets

    export_id = "export-" + secrets.token_hex(8)
    conn.execute(
        "INSERT INTO exports (id, path, sha256, created, interviews) VALUES (?, ?, ?, ?, ?)",
        (export_id, str(path), digest, format_instant(project.clock.now()), json.dumps(list(interviews))),
    )
    return export_id


def exported_interviews(project: Project) -> set[str]:
    """Interviews carried by an export file that still exists (its row not destroyed)."""
    rows = project.conn.execute("SELECT interviews FROM exports WHERE destroyed IS NULL")
    return {interview for (listed,) in rows for interview in json.loads(listed or "[]")}


@dataclass(frozen=True)
class ExportFile:
    """An export file fieldkit wrote, as the export log remembers it."""

    id: str
    path: Path
    created: str  # instant, e.g. 2026-03-01T09:00:00Z
    interviews: tuple[str, ...]


def exports_containing(project: Project, interviews) -> list[ExportFile]:
    """The export files still on record (not deleted by a retention rule) that carried any of ``interviews``,
    oldest first: copies outside the vault that fieldkit cannot destroy, e.g. after a withdrawal."""
    wanted = set(interviews)
    found = []
    for export_id, path, created, listed in project.conn.execute(
        "SELECT id, path, created, interviews FROM exports WHERE destroyed IS NULL ORDER BY created, rowid"
    ).fetchall():
        carried = tuple(json.loads(listed or "[]"))
        if wanted.intersection(carried):
            found.append(ExportFile(export_id, Path(path), created, carried))
    return found
