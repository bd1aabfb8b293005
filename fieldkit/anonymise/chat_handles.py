"""Who speaks in a pasted chat, and messenger handles anywhere ("dimon_ekb: brat ty gde", "pishi styopa_oskemen").

A chat pasted into notes names its speakers at the start of each line by their display names or handles, which are
often a nickname and a town no name list knows. A label that starts two lines or more, in a text where two labels
or more speak, is a speaker; a word joined by an underscore is a handle (no Russian, Kazakh or English word has
one). Role labels («Q:», «Интервьюер:», "TODO:") and respondent codes («R-12:») are none.
"""

from __future__ import annotations

import re
from collections import Counter

from fieldkit.anonymise.findings import Finding

#: a label at a line's start, maybe after a clock time, or after a clock time inside a line (a chat pasted as one
#: paragraph, a messenger's export with the date and a dash): "[21:04] dimon_ekb: …", «Асик: …», "… 21:15 ja: na
#: meste 21:15 aza: ok", "12.03.24, 21:14 - zhanik: ty gde"
_SPEAKER = re.compile(r"(?m)(?:^[ \t]*(?P<time>\[?\d{1,2}[:.]\d{2}\]?[ \t]*(?:[-–—][ \t]*)?)?"
                      r"|(?<=\s)(?P<inline>\[?\d{1,2}:\d{2}\]?)[ \t]+(?:[-–—][ \t]+)?)"
                      r"(?P<label>[^\W\d_][\w.@-]{0,30})[ \t]*:[ \t]")
#: a messenger handle: letters and digits joined by underscores, maybe after «@» ("@aset_88", "styopa_oskemen")
_HANDLE = re.compile(r"(?<![\w@./\\])@?[^\W_][^\W_]*(?:_[^\W_]+)+(?![\w@/\\])")
#: a respondent's or an interview's code, which the project keeps: «R-12», "resp3", «Р7»
_CODE = re.compile(r"^[^\W\d_]{1,5}-?\d{1,4}$")
#: labels that name a role or a kind of note, never a person
_ROLES = frozenset({
    "todo", "int", "interviewer", "respondent", "resp", "researcher", "note", "notes", "upd", "update", "date",
    "time", "place", "location", "code", "fyi", "summary", "context", "quote", "translator", "answer", "question",
    "moderator", "source", "me", "you", "admin", "bot", "system", "unknown", "anon", "anonymous", "deleted",
    "вопрос", "ответ", "интервьюер", "респондент", "исследователь", "примечание", "заметка", "итог", "цитата",
    "переводчик", "модератор", "источник", "дата", "время", "место", "код", "контекст", "важно", "аноним",
    "сұрақ", "жауап", "ескерту", "мен", "men", "менің",
})


def _speakers(text: str) -> list[tuple[int, int]]:
    # (a label of one or two letters speaks only after a clock time: "21:15 ja: …", not "Q:" or "A:" in a form)
    labels = [match for match in _SPEAKER.finditer(text) if not _CODE.match(match["label"])
              and match["label"].casefold().strip(".") not in _ROLES
              and (len(match["label"]) >= 3 or match["time"] or match["inline"])]
    counts = Counter(match["label"] for match in labels)
    if len(counts) < 2:
        return []  # one label at several line starts is a list or a form ("Note: …"), not a conversation
    # a label of one or two letters ("ja", «я», "A") speaks but names no one
    return [match.span("label") for match in labels if counts[match["label"]] >= 2 and len(match["label"]) >= 3]


def with_chat_handles(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` with each chat speaker and messenger handle taken whole as a person; a finding inside one (the
    "dimon" of "dimon_ekb") gives way to it."""
    spans = sorted(set(_speakers(text)) | {match.span() for match in _HANDLE.finditer(text)})
    if not spans:
        return findings
    added = [Finding("PERSON", start, end, 0.85, text[start:end]) for start, end in spans
             if not any(f.start < start < f.end or f.start < end < f.end for f in findings)]
    kept = [f for f in findings if not any(a.start <= f.start and f.end <= a.end for a in added)]
    return sorted([*kept, *added], key=lambda f: f.start) if added else findings
