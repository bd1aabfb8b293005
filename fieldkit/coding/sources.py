"""The text a researcher codes: an interview's anonymised text, as one plain document.

Every offset in a coding, and every position in an export, counts code points in this text (end excluded).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fieldkit.errors import NotFound, ObjectSealed, StateError
from fieldkit.interviews import Interview, get_interview
from fieldkit.vault.project import Project

_LINE_BREAKS = re.compile("[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f]")
SPEAKER_LABELS = {"interviewer": "Interviewer", "respondent": "Respondent"}


@dataclass(frozen=True)
class Source:
    interview: Interview
    text: str
    language: str

    @property
    def id(self) -> str:
        return self.interview.id


def source_text(anonymised) -> str:
    """One line per segment, labelled with its speaker when the researcher set one."""
    lines = []
    for segment in anonymised.segments:
        label = SPEAKER_LABELS.get(segment.speaker or "")
        lines.append(f"{label}: {segment.text}" if label else segment.text)
    # One line ending everywhere (Windows documents keep CRLF inside paragraphs; pdftotext leaves form
    # feeds), so offsets count the same characters in every view and a CRLF export recomputes positions
    # exactly; other control characters cannot go into XML and are dropped.
    text = "\n".join(lines).replace("\r\n", "\n")
    return _CONTROL.sub("", _LINE_BREAKS.sub("\n", text))


#: Why a sealed interview is out of reach, as exports and `code excerpts` name it.
SEALED_REASON = "sealed: only the institution can open it"


def text_available(project: Project, interview: Interview) -> bool:
    """Whether the interview has anonymised text this laptop can read: not destroyed, not sealed."""
    if interview.anonymised_object is None or interview.sealed:
        return False
    try:
        return project.objects.info(interview.anonymised_object).destroyed is None
    except NotFound:
        return False


def load_source(project: Project, interview_id: str) -> Source:
    from fieldkit.anonymise.review import load_anonymised

    interview = get_interview(project, interview_id)
    if interview.sealed:
        raise ObjectSealed(f"the anonymised text of {interview_id} was sealed on {interview.sealed[:10]}:"
                           " only the institution can open it")
    if not text_available(project, interview):
        state = "was destroyed" if interview.anonymised_object else "does not exist yet"
        raise StateError(
            f"the anonymised text of {interview_id} {state}",
            f"anonymise it first: `fieldkit anonymise {interview_id}`" if not interview.anonymised_object else "",
        )
    anonymised = load_anonymised(project, interview_id)
    return Source(interview, source_text(anonymised), anonymised.language)
