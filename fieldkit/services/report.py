"""The ethics-board report from the project: fieldkit_board's page (the same one a board makes from an
exported log), filled with what only the project knows: pending deadlines, what is kept with no rule, and a
check of each destruction against the vault (key row gone, blob gone).
"""

from __future__ import annotations

from fieldkit.audit.chain import verify
from fieldkit.clock import parse_instant
from fieldkit.errors import AuditError
from fieldkit.retention.schedule import Item, effective_now, items, rule_name
from fieldkit.vault.project import Project
from fieldkit_board import chain as spec
from fieldkit_board.report import Report, Row, render

CAPTURE_KINDS = ("audio", "notes")


def _certificate_check(project: Project, item: Item) -> str:
    if item.kind == "export":
        return "export file removed or reported missing"
    key_gone = project.objects.key_erased(item.object)
    blob_gone = not project.objects.blob_path(item.object).exists()
    return "verified: key erased, blob removed" if key_gone and blob_gone else "NOT VERIFIED: key or blob present"


def _reasons(entries: list) -> dict[str, str]:
    found: dict[str, str] = {}
    for entry in entries:
        if entry.event in ("object_destroyed", "export_deleted") and entry.data.get("object"):
            found.setdefault(entry.data["object"], str(entry.data.get("reason") or ""))
    return found


def build_report(project: Project) -> str:
    now = effective_now(project)
    listed = items(project)
    key = project.audit.public_key() or ""
    entries = project.audit.entries()  # read once: verified, then searched for reasons and the timeline
    verification, error = None, None
    try:
        result = verify(entries, public_key=key or None)
        verification = spec.Verification(spec.Verdict.OK, result.entries, result.head, key, ("the project's own key",))
    except AuditError as exc:
        error = exc.message
    reasons = _reasons(entries)
    rows = []
    for item in listed:
        row = Row(item.object, item.kind, item.respondent, item.rule, deadline=item.deadline,
                  destroyed=item.destroyed, reason=reasons.get(item.object))
        if item.state == "destroyed":
            row.check = _certificate_check(project, item)
        else:
            row.pending = item.state in ("pending", "due") and item.deadline is not None
            row.overdue = item.state == "overdue"
        rows.append(row)
    timeline = []
    for entry in entries:
        if entry.event == "object_stored" and entry.data.get("kind") in CAPTURE_KINDS:
            timeline.append((parse_instant(entry.ts), "capture", str(entry.data.get("kind"))))
    timeline += [(row.destroyed, "destruction", row.kind) for row in rows
                 if row.destroyed and row.reason != "replaced"]
    policy = project.policy
    report = Report(
        source="project", generated=now, policy_name=policy.name, ethics_approval=policy.ethics_approval,
        project_end=policy.project_end.isoformat(), policy_sha256=policy.sha256,
        rules=list(dict.fromkeys(rule_name(rule) for rule in policy.rules)), verification=verification,
        verification_error=error, rows=rows, timeline=sorted(timeline))
    return render(report)

