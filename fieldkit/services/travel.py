"""Travel lock as a whole: seal what the policy says, then hand the keys to the one-time travel key."""

from __future__ import annotations

from fieldkit.pipeline import interviews_to_seal, seal_interview
from fieldkit.vault.project import Project
from fieldkit.vault.travel import TravelLock, archive_recipients, travel_lock


def lock(project: Project) -> TravelLock:
    """Seal per the policy's [travel] seal, then lock; the project is closed afterwards."""
    archive_recipients(project)  # refuse before sealing anything when there is nobody to seal to
    sealed = []
    for interview in interviews_to_seal(project, project.policy.travel_seal):
        seal_interview(project, interview)
        sealed.append(interview)
    return travel_lock(project, tuple(sealed))
