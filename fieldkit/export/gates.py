"""What may leave the vault: approved anonymised text, written outside the project folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fieldkit.errors import GateClosed
from fieldkit.interviews import Interview, list_interviews
from fieldkit.vault.project import Project


@dataclass(frozen=True)
class ExportSelection:
    included: list[Interview]
    skipped: list[Interview]


def select_exportable(project: Project) -> ExportSelection:
    """Approved interviews only, and only if the residual scan finds nothing unresolved in any of them."""
    from fieldkit.anonymise.review import residuals

    interviews = list_interviews(project)
    included = [i for i in interviews if i.approved and i.anonymised_object]
    skipped = [i for i in interviews if i not in included]
    if not included:
        raise GateClosed(
            "nothing to export: no interview has an approved anonymised transcript",
            "run `fieldkit anonymise ID --accept-suggestions --approve` after checking the text",
        )
    open_residuals = [r for interview in included for r in residuals(project, interview.id)]
    if open_residuals:
        where = ", ".join(sorted({f"{r.interview} ({r.entity})" for r in open_residuals}))
        raise GateClosed(
            f"export blocked: {len(open_residuals)} possible identifiers remain in approved text: {where}",
            "see them with `fieldkit review ID --residuals`; fix the review, or override one with"
            " `fieldkit review ID --override KEY` (logged)",
        )
    return ExportSelection(included, skipped)


def check_destination(project: Project, out: Path) -> Path:
    """Exports are plaintext by design, so they must never land inside the encrypted project folder."""
    out = out.expanduser().resolve()
    if out == project.root or project.root in out.parents:
        raise GateClosed(
            "refusing to write an export inside the project folder",
            "the project folder holds only encrypted data; choose a path outside it",
        )
    if out.is_dir():
        raise GateClosed(f"{out} is a folder", "give a file name, e.g. --out excerpts.csv")
    return out
