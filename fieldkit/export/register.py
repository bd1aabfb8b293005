"""The interview register a thesis appendix needs: number, date (coarsened per policy), respondent category
and type, mode, duration, language. Never a name, a place or anything from the text."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from fieldkit.consent.respondents import list_respondents
from fieldkit.interviews import list_interviews
from fieldkit.vault.project import Project


@dataclass(frozen=True)
class RegisterRow:
    number: int
    interview: str
    respondent: str
    category: str
    respondent_type: str
    mode: str
    date: str
    duration_min: int | None
    language: str

    def as_dict(self) -> dict:
        return asdict(self)


COLUMNS = tuple(RegisterRow.__dataclass_fields__)


def coarsen_date(value: str | None, precision: str) -> str:
    """2026-03-14 → 2026-03-14 | 2026-03 | 2026-Q1 | 2026, as the policy says."""
    if not value:
        return ""
    day = date.fromisoformat(value[:10])
    if precision == "day":
        return day.isoformat()
    if precision == "month":
        return f"{day.year}-{day.month:02d}"
    if precision == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return str(day.year)


def period_start(day: date, precision: str) -> date:
    """The first day of the period a date is coarsened to (for formats that need a full date)."""
    if precision == "day":
        return day
    if precision == "month":
        return day.replace(day=1)
    if precision == "quarter":
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return date(day.year, 1, 1)


def register_rows(project: Project) -> list[RegisterRow]:
    """Every interview with a respondent, except withdrawn respondents' and discarded ones, in date order."""
    from fieldkit.export.gates import withdrew

    respondents = {r.code: r.category for r in list_respondents(project)}
    descriptions = {c.code: c.description for c in project.policy.categories}
    chosen = [i for i in list_interviews(project)
              if i.respondent in respondents and not i.discarded and not withdrew(project, i.respondent)]
    chosen.sort(key=lambda i: (i.interview_date or i.created[:10], i.created, i.id))
    rows = []
    for number, interview in enumerate(chosen, start=1):
        category = respondents[interview.respondent]
        rows.append(RegisterRow(
            number=number,
            interview=interview.id,
            respondent=f"[{interview.respondent}]",
            category=category,
            respondent_type=descriptions.get(category, ""),
            mode=interview.mode,
            date=coarsen_date(interview.interview_date or interview.created, project.policy.date_precision),
            duration_min=max(1, round(interview.duration_s / 60)) if interview.duration_s else None,
            language=interview.language or "",
        ))
    return rows
