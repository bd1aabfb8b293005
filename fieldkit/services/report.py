"""The ethics-board report: one self-contained HTML page, readable offline, with codes and never identities.

It shows the policy and its hash, per rule how many items were destroyed on time or late and what is still
pending, a timeline of captures and destructions, a destruction certificate per item (checked against the
vault at report time: key row gone, blob gone), and the audit chain's verification and head.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape

from fieldkit.audit.chain import verify
from fieldkit.clock import format_instant, parse_instant
from fieldkit.errors import AuditError
from fieldkit.retention.schedule import Item, effective_now, items, rule_name
from fieldkit.vault.project import Project

CAPTURE_KINDS = ("audio", "notes")


@dataclass(frozen=True)
class RuleSummary:
    rule: str
    on_time: int
    late: int
    worst_lateness: timedelta
    pending: int
    next_deadline: datetime | None
    overdue: int


def summarise(listed: list[Item], rules: list[str]) -> list[RuleSummary]:
    grouped: dict[str, list[Item]] = defaultdict(list)
    for item in listed:
        if item.rule:
            grouped[item.rule].append(item)
    summaries = []
    for rule in rules:
        group = grouped.get(rule, [])
        destroyed = [i for i in group if i.state == "destroyed"]
        late = [i for i in destroyed if i.lateness and i.lateness > timedelta(0)]
        pending = [i for i in group if i.state in ("pending", "due")]
        deadlines = [i.deadline for i in pending if i.deadline]
        summaries.append(
            RuleSummary(
                rule, len(destroyed) - len(late), len(late), max((i.lateness for i in late), default=timedelta(0)),
                len(pending), min(deadlines) if deadlines else None, sum(1 for i in group if i.state == "overdue"),
            )
        )
    return summaries


def _duration(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    return f"{hours / 24:.1f} days" if hours >= 48 else f"{hours:.1f} hours"


def _timeline_svg(project: Project) -> str:
    """Captures (blue) and destructions (red) along time, as inline SVG."""
    points = []
    for entry in project.audit.entries():
        if entry.event == "object_stored" and entry.data.get("kind") in CAPTURE_KINDS:
            points.append((parse_instant(entry.ts), "capture", entry.data.get("kind")))
        elif entry.event in ("object_destroyed", "export_deleted") and entry.data.get("reason") != "replaced":
            points.append((parse_instant(entry.ts), "destruction", entry.data.get("kind")))
    if not points:
        return "<p>No captures or destructions yet.</p>"
    start, end = min(p[0] for p in points), max(p[0] for p in points)
    span = max((end - start).total_seconds(), 1.0)
    width, height = 760, 90
    marks = []
    for when, what, kind in points:
        x = 20 + (width - 40) * (when - start).total_seconds() / span
        y, colour = (30, "#1f6feb") if what == "capture" else (62, "#cf222e")
        title = escape(f"{what} of {kind} at {format_instant(when)[:16]}")
        marks.append(f'<circle cx="{x:.1f}" cy="{y}" r="5" fill="{colour}"><title>{title}</title></circle>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 20}" role="img" '
        f'aria-label="timeline">'
        f'<line x1="20" y1="46" x2="{width - 20}" y2="46" stroke="#888"/>'
        f'<text x="20" y="{height + 12}" font-size="11">{escape(format_instant(start)[:10])}</text>'
        f'<text x="{width - 90}" y="{height + 12}" font-size="11">{escape(format_instant(end)[:10])}</text>'
        f'<text x="{width - 160}" y="14" font-size="11" fill="#1f6feb">● capture</text>'
        f'<text x="{width - 80}" y="14" font-size="11" fill="#cf222e">● destruction</text>'
        + "".join(marks)
        + "</svg>"
    )


def _certificate_check(project: Project, item: Item) -> str:
    if item.kind == "export":
        return "export file removed or reported missing"
    key_gone = project.objects.key_erased(item.object)
    blob_gone = not project.objects.blob_path(item.object).exists()
    return "verified: key erased, blob removed" if key_gone and blob_gone else "NOT VERIFIED: key or blob present"


def build_report(project: Project) -> str:
    now = effective_now(project)
    listed = items(project)
    try:
        verification = verify(project.audit.entries(), public_key=project.audit.public_key())
        chain = (f'<p class="ok">Audit chain verified: <b id="entries">{verification.entries}</b> entries, '
                 f'every entry signed.</p><p>Head hash <code id="head">{verification.head}</code><br>'
                 f'Checkpoint <code>{escape(verification.checkpoint)}</code><br>'
                 f'Audit public key <code>{escape(project.audit.public_key() or "")}</code></p>')
    except AuditError as exc:
        chain = f'<p class="bad">Audit chain FAILED verification: {escape(exc.message)}</p>'
    policy = project.policy
    rules = [rule_name(rule) for rule in policy.rules]
    rows = []
    for summary in summarise(listed, rules):
        late = f"{summary.late} (worst {_duration(summary.worst_lateness)})" if summary.late else "0"
        upcoming = format_instant(summary.next_deadline)[:16] if summary.next_deadline else "–"
        rows.append(
            f"<tr><td><code>{escape(summary.rule)}</code></td><td class='num'>{summary.on_time}</td>"
            f"<td class='num'>{late}</td><td class='num'>{summary.pending}</td><td>{upcoming}</td>"
            f"<td class='num'>{summary.overdue}</td></tr>"
        )
    certificates = []
    for item in (i for i in listed if i.state == "destroyed" and i.rule):
        lateness = "on time" if not item.lateness else f"late by {_duration(item.lateness)}"
        certificates.append(
            f"<tr><td><code>{escape(item.object[:16])}</code></td><td>{escape(item.kind)}</td>"
            f"<td>{escape(item.respondent or '–')}</td><td>{escape(format_instant(item.destroyed)[:16])}</td>"
            f"<td><code>{escape(item.rule)}</code></td><td>cryptographic erase</td><td>{lateness}</td>"
            f"<td>{escape(_certificate_check(project, item))}</td></tr>"
        )
    destroyed = sum(1 for i in listed if i.state == "destroyed" and i.rule)
    on_time = sum(1 for i in listed if i.state == "destroyed" and i.rule and not i.lateness)
    pending = sum(1 for i in listed if i.state in ("pending", "due") and i.deadline)
    overdue = sum(1 for i in listed if i.state == "overdue")
    kept = sum(1 for i in listed if i.state == "kept")  # no rule gives them a deadline (yet)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>fieldkit retention report — {escape(policy.name)}</title>
<style>
body {{ font-family: sans-serif; margin: 2em; color: #222; max-width: 1000px; }}
table {{ border-collapse: collapse; margin: 1em 0; }} td, th {{ border: 1px solid #ccc; padding: 4px 8px; }}
th {{ background: #f3f3f3; }} .num {{ text-align: right; }} .ok {{ color: #116329; }} .bad {{ color: #cf222e; }}
.figures span {{ display: inline-block; margin-right: 2em; font-size: 1.3em; }}
code {{ font-size: 0.85em; }}
</style></head><body>
<h1>Retention and destruction report</h1>
<p>Policy <b>{escape(policy.name)}</b> — ethics approval <b>{escape(policy.ethics_approval)}</b> — project end
{escape(policy.project_end.isoformat())}<br>Policy SHA-256 <code>{escape(policy.sha256)}</code><br>
Report generated {escape(format_instant(now)[:19])} UTC. Respondents appear by code only.</p>
<div class="figures"><span>Destroyed: <b id="destroyed">{destroyed}</b></span>
<span>On time: <b id="on-time">{on_time}</b></span><span>Pending: <b id="pending">{pending}</b></span>
<span>Overdue: <b id="overdue">{overdue}</b></span><span>Kept, no rule: <b id="kept">{kept}</b></span></div>
<h2>Audit chain</h2>{chain}
<h2>Rules</h2>
<table><tr><th>rule (applies to : after event : within)</th><th>destroyed on time</th><th>destroyed late</th>
<th>pending</th><th>next deadline</th><th>overdue</th></tr>{''.join(rows)}</table>
<h2>Timeline</h2>{_timeline_svg(project)}
<h2>Destruction certificates</h2>
<table><tr><th>object</th><th>kind</th><th>respondent</th><th>destroyed (UTC)</th><th>rule</th><th>method</th>
<th>timeliness</th><th>verification</th></tr>{''.join(certificates) or '<tr><td colspan="8">none yet</td></tr>'}
</table>
<p>Cryptographic erase: the object's own key was deleted from the encrypted index (SQLCipher, secure_delete),
so every copy of the encrypted blob, including backups, is unreadable; the blob file was then removed.</p>
</body></html>
"""
