"""The retention report for an ethics board: one self-contained HTML page, in words a board member reads.

The page is the same whether fieldkit makes it from the project (``fieldkit audit report``, which also knows
pending deadlines and checks each destruction against the vault) or a board makes it from an exported log
alone (``fieldkit-board report``). Both fill a :class:`Report` and render it with Jinja2 with autoescape on, so
nothing in a log can become markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from jinja2 import Environment, PackageLoader

from fieldkit_board import chain

KIND_WORDS = {
    "audio": "audio recordings", "notes": "raw notes", "notes_draft": "notes being typed",
    "transcript": "transcripts (every version)", "document": "documents",
    "linking_key": "the key linking codes to names", "pseudonym_map": "pseudonym maps",
    "lexicon": "lists of known identifiers", "consent_audio": "recorded oral consent",
    "consent_form": "consent forms", "export": "export files", "all": "everything",
    "anonymised": "anonymised texts", "review": "review decisions", "transcript_partial": "partial transcripts",
}
EVENT_WORDS = {
    "stored": "after it is stored", "captured": "after the interview is captured",
    "transcript_approved": "after the transcript is approved", "project_end": "after the project ends",
    "consent_withdrawn": "after the respondent withdraws consent", "export_done": "after the export is written",
}
REASON_WORDS = {
    "retention": "by its retention rule", "timer": "by the retention timer, with the project closed",
    "withdrawal": "after consent was withdrawn", "discarded": "interview discarded",
    "replaced": "replaced by a newer version",
}


def within_words(code: str) -> str:
    amount, unit = int(code[:-1]), code[-1]
    name = {"d": "day", "h": "hour", "w": "week"}[unit]
    return f"{amount} {name}{'' if amount == 1 else 's'}"


def rule_words(rule: str | None) -> str:
    """``audio:transcript_approved:3d`` -> "audio recordings: destroyed 3 days after the transcript is approved"."""
    if not rule:
        return "no rule"
    parts = rule.split(":")
    if len(parts) != 3 or parts[2][-1:] not in ("d", "h", "w") or not parts[2][:-1].isdigit():
        return rule
    kind, event, within = parts
    return (f"{KIND_WORDS.get(kind, kind)}: destroyed within {within_words(within)} "
            f"{EVENT_WORDS.get(event, 'after ' + event.replace('_', ' '))}")


def duration_words(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    if hours >= 48:
        return f"{hours / 24:.1f} days"
    if hours >= 1:
        return f"{hours:.1f} hours"
    return f"{max(delta.total_seconds() / 60, 1):.0f} minutes"


def utc(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if moment else "–"


@dataclass
class Row:
    object: str
    kind: str
    respondent: str | None
    rule: str | None
    deadline: datetime | None = None
    destroyed: datetime | None = None
    reason: str | None = None
    pending: bool = False  # still stored with a deadline ahead
    overdue: bool = False  # still stored past its deadline
    check: str = ""  # the vault's confirmation of a destruction (fieldkit's report only)
    deadline_unknown: bool = False  # made from a log alone: whether a deadline is pending cannot be known

    @property
    def late_by(self) -> timedelta | None:
        if self.destroyed and self.deadline and self.destroyed > self.deadline:
            return self.destroyed - self.deadline
        return None

    @property
    def status(self) -> str:
        if self.destroyed:
            if self.deadline is None:
                return "Destroyed (no deadline recorded)"
            late = self.late_by
            return f"Late by {duration_words(late)}" if late else "On time"
        if self.overdue:
            return "Overdue"
        if self.deadline_unknown:
            return "Still stored"
        return "Pending" if self.pending else "Kept, no rule"

    @property
    def status_class(self) -> str:
        return {"On time": "ok", "Pending": "pending", "Overdue": "bad", "Kept, no rule": "kept"}.get(
            self.status, "late" if self.status.startswith("Late") else "plain")


@dataclass
class Report:
    source: str  # "project" or "exported log"
    generated: datetime
    policy_name: str | None
    ethics_approval: str | None
    project_end: str | None
    policy_sha256: str | None
    rules: list[str]  # rule codes
    verification: chain.Verification | None
    verification_error: str | None
    rows: list[Row] = field(default_factory=list)
    log_file: str = "chain.jsonl"
    timeline: list[tuple[datetime, str, str]] = field(default_factory=list)  # (when, capture|destruction, kind)

    @property
    def destroyed(self) -> list[Row]:
        return [row for row in self.rows if row.destroyed and row.reason != "replaced"]

    @property
    def figures(self) -> dict[str, int]:
        destroyed = [row for row in self.destroyed if row.rule]
        return {
            "destroyed": len(destroyed),
            "on_time": sum(1 for row in destroyed if row.status == "On time"),
            "late": sum(1 for row in destroyed if row.late_by),
            "pending": sum(1 for row in self.rows if row.pending),
            "overdue": sum(1 for row in self.rows if row.overdue),
            "kept": sum(1 for row in self.rows if row.status == "Kept, no rule"),
        }

    def rule_summaries(self) -> list[dict]:
        out = []
        for rule in self.rules:
            group = [row for row in self.rows if row.rule == rule]
            done = [row for row in group if row.destroyed]
            late = [row for row in done if row.late_by]
            pending = sorted(row.deadline for row in group if row.pending and row.deadline)
            out.append({"code": rule, "words": rule_words(rule), "on_time": len(done) - len(late), "late": len(late),
                        "worst": duration_words(max(row.late_by for row in late)) if late else "",
                        "pending": len([row for row in group if row.pending]),
                        "next": utc(pending[0]) if pending else "–",
                        "overdue": sum(1 for row in group if row.overdue)})
        return out

    def kept_by_kind(self) -> list[tuple[str, int]]:
        counts: dict[str, int] = {}
        for row in self.rows:
            if row.status == "Kept, no rule":
                counts[row.kind] = counts.get(row.kind, 0) + 1
        return sorted((KIND_WORDS.get(kind, kind), count) for kind, count in counts.items())


def _timeline_points(report: Report) -> list[dict]:
    if not report.timeline:
        return []
    start = min(when for when, _, _ in report.timeline)
    end = max(when for when, _, _ in report.timeline)
    span = max((end - start).total_seconds(), 1.0)
    return [{"x": round(20 + 720 * (when - start).total_seconds() / span, 1), "what": what,
             "title": f"{what} of {KIND_WORDS.get(kind, kind)} at {utc(when)}"} for when, what, kind in report.timeline]


def render(report: Report) -> str:
    env = Environment(loader=PackageLoader("fieldkit_board", "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    verification = report.verification
    return env.get_template("report.html.j2").render(
        report=report, figures=report.figures, rules=report.rule_summaries(), kept=report.kept_by_kind(),
        destroyed=report.destroyed, utc=utc, rule_words=rule_words, reason_words=REASON_WORDS,
        fingerprint=chain.fingerprint(verification.public_key) if verification else None,
        timeline=_timeline_points(report),
        start=utc(min(w for w, _, _ in report.timeline)) if report.timeline else "",
        end=utc(max(w for w, _, _ in report.timeline)) if report.timeline else "",
    )


def _instant(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def report_from_log(export: chain.Export, verification: chain.Verification, log_file: str = "chain.jsonl") -> str:
    """The report from an exported log alone: what was stored, what was destroyed, when, under which rule,
    and whether on time (destructions record their deadline). Deadlines still ahead are in the project's own
    report; the log cannot know them."""
    rows: dict[str, Row] = {}
    rules: list[str] = []
    timeline = []
    created: dict | None = None
    for entry in export.entries:
        data = entry.data
        when = _instant(entry.ts)
        if entry.event == "project_created":
            created = data
        if entry.event == "object_stored" and data.get("object"):
            rows[data["object"]] = Row(data["object"], str(data.get("kind")), data.get("respondent"), None)
            if data.get("kind") in ("audio", "notes"):
                timeline.append((when, "capture", str(data.get("kind"))))
        elif entry.event in ("object_destroyed", "export_deleted") and data.get("object"):
            row = rows.setdefault(data["object"], Row(data["object"], str(data.get("kind")), data.get("respondent"),
                                                      None))
            row.rule = data.get("rule")
            row.reason = data.get("reason")
            row.destroyed = _instant(data["destroyed"]) if data.get("destroyed") else when
            row.deadline = _instant(data["deadline"]) if data.get("deadline") else None
            if row.rule and row.rule not in rules:
                rules.append(row.rule)
            if row.reason != "replaced":
                timeline.append((row.destroyed, "destruction", row.kind))
    for row in rows.values():
        row.deadline_unknown = not row.destroyed
    report = Report(
        source="exported log", generated=datetime.now(UTC), policy_name=(created or {}).get("policy"),
        ethics_approval=None, project_end=None, policy_sha256=(created or {}).get("policy_sha256"),
        rules=rules, verification=verification, verification_error=None, rows=list(rows.values()),
        log_file=log_file, timeline=sorted(timeline))
    return render(report)
