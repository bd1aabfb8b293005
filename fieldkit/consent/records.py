"""Consent records, the gates they open, and withdrawal.

A record holds the script id, version, language and the hash of the exact text read, each answer, the
mode and the time — and never a name. Evidence (an audio-recorded consent, a scanned written form) is an
encrypted object of its own, with its own retention rule.

A new record that says "no" where the respondent had said "yes" narrows consent: what the new answers no
longer cover is destroyed at once, as in a withdrawal (:data:`NOT_COVERED`). The consent evidence itself
(``consent_audio``, ``consent_form``) is kept: it is the proof of what was agreed, the new consent included.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass

from fieldkit import pipeline
from fieldkit.clock import format_instant
from fieldkit.consent.respondents import require_respondent
from fieldkit.consent.scripts import ConsentScript, load_script
from fieldkit.errors import GateClosed, StateError, UsageError
from fieldkit.interviews import list_interviews
from fieldkit.vault import intents
from fieldkit.vault.project import Project

MODES = ("oral-attested", "oral-recorded", "written")
EVIDENCE_KIND = {"oral-recorded": "consent_audio", "written": "consent_form"}
SCOPES = ("all", "future-use")
WITHDRAWAL_EVENT = "consent_withdrawn"
NARROWED_EVENT = "consent_narrowed"
#: What a "no" to an item takes from what was already collected: these object kinds of the respondent's
#: are destroyed at once. Typed notes and transcripts need only "participate", so they stay.
NOT_COVERED = {"audio_recording": ("audio",)}

#: Accepted answers, in every script language (the scripts' [ui] words are among them). No single Cyrillic
#: letter: with a Russian keyboard layout on, the "y" key types "н", which must not read as "нет".
YES_WORDS = ("yes", "y", "да", "иә", "ия")
NO_WORDS = ("no", "n", "нет", "жоқ", "жок")


@dataclass(frozen=True)
class Consent:
    id: int
    respondent: str
    script: str
    version: int
    language: str
    text_sha256: str
    mode: str
    answers: dict[str, bool]
    recorded: str
    evidence_object: str | None


def parse_answer(text: str) -> bool | None:
    """One spoken answer as typed: yes/y, да, иә → True; no/n, нет, жоқ → False; anything else (an empty
    line included) → None, so the caller asks again. There is no default."""
    word = unicodedata.normalize("NFC", text).strip().strip(".!").strip().casefold()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    return None


def parse_answers(text: str) -> dict[str, bool]:
    """``participate=yes,audio_recording=no`` → {"participate": True, "audio_recording": False}."""
    answers = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        item, sep, value = part.partition("=")
        answer = parse_answer(value) if sep and value.strip() else None
        if answer is None:
            raise UsageError(f"cannot read answer {part!r}", "write answers as item=yes,item=no")
        answers[item.strip()] = answer
    return answers


def record_consent(
    project: Project,
    respondent: str,
    *,
    language: str,
    answers: dict[str, bool],
    mode: str = "oral-attested",
    script_id: str | None = None,
    evidence: bytes | None = None,
) -> Consent:
    """Store one consent; every item of the script must be answered, and a required "no" stops here."""
    status = require_respondent(project, respondent)
    if status != "active":
        raise StateError(f"respondent {respondent} has withdrawn; consent cannot be recorded again",
                         "a withdrawal is final: nothing more is recorded for this code")
    if mode not in MODES:
        raise UsageError(f"unknown consent mode {mode!r}", f"choose one of {', '.join(MODES)}")
    script = load_script(script_id or project.policy.consent_scripts[0], language)
    if script.id not in project.policy.consent_scripts:
        raise GateClosed(f"consent script {script.id} is not approved by this project's policy",
                         "pass --script with one of the policy's consent_scripts")
    unknown = set(answers) - {item.id for item in script.items}
    if unknown:
        raise UsageError(f"the script has no item(s) {', '.join(sorted(unknown))}",
                         f"items: {', '.join(i.id for i in script.items)}")
    missing = [item.id for item in script.items if item.id not in answers]
    if missing:
        raise UsageError(f"no answer for {', '.join(missing)}", "answer every item, or use --accept-all")
    declined = [item.id for item in script.items if item.required and not answers[item.id]]
    if declined:
        raise GateClosed(f"required item(s) declined: {', '.join(declined)}; nothing was recorded",
                         "the interview cannot go ahead without them")
    if (mode in EVIDENCE_KIND) != (evidence is not None):
        need = "needs" if mode in EVIDENCE_KIND else "takes no"
        raise UsageError(f"consent mode {mode} {need} an evidence file",
                         "oral-recorded: --audio FILE; written: --form FILE")
    previous = current_consent(project, respondent)
    narrowed = tuple(item for item, given in sorted((previous.answers if previous else {}).items())
                     if given and answers.get(item) is False)
    record = _store(project, respondent, script, mode, answers, evidence, narrowed)
    destroy_not_covered(project, respondent)
    return record


def not_covered(project: Project, respondent: str) -> list[str]:
    """Ids of the respondent's live objects that their current consent no longer covers (see NOT_COVERED)."""
    consent = current_consent(project, respondent)
    if consent is None:
        return []
    kinds = [kind for item, kinds in NOT_COVERED.items() if not consent.answers.get(item) for kind in kinds]
    # sealed objects too, as in a withdrawal: a copy only the institution can open is still theirs
    return [object_id for kind in kinds for (object_id,) in project.conn.execute(
        "SELECT id FROM objects WHERE respondent = ? AND kind = ? AND destroyed IS NULL ORDER BY created, id",
        (respondent, kind))]


def destroy_not_covered(project: Project, respondent: str) -> list[str]:
    """Destroy at once what the current consent no longer covers (after a narrowed re-consent), under the
    policy's withdrawal rule, each destruction logged with reason "consent_narrowed". Returns the ids."""
    found = not_covered(project, respondent)
    for object_id in found:
        project.objects.shred(object_id, reason=NARROWED_EVENT,
                              rule=withdrawal_rule(project, project.objects.info(object_id).kind))
    return found


def withdrawal_rule(project: Project, kind: str | None = None) -> str | None:
    """The name of the policy's rule for a withdrawal (``after = "consent_withdrawn"``), the one for ``kind``
    (or "all") when a kind is given."""
    from fieldkit.retention.policy import rule_name

    return next((rule_name(r) for r in project.policy.rules if r.after == WITHDRAWAL_EVENT
                 and (kind is None or r.applies_to in (kind, "all"))), None)


def _store(project, respondent, script: ConsentScript, mode, answers, evidence, narrowed=()) -> Consent:
    recorded = format_instant(project.clock.now())
    row_id: list[int] = []

    def insert(conn, evidence_object: str | None) -> None:
        cursor = conn.execute(
            "INSERT INTO consents (respondent, script, version, language, text_sha256, mode, answers, recorded,"
            " evidence_object) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (respondent, script.id, script.version, script.language, script.sha256, mode,
             json.dumps(answers, sort_keys=True), recorded, evidence_object),
        )
        row_id.append(cursor.lastrowid)
        project.audit.append(
            "consent_recorded", respondent=respondent, script=script.id, version=script.version,
            language=script.language, sha256=script.sha256, mode=mode,
        )
        if narrowed:  # the items now refused, by id only
            project.audit.append(NARROWED_EVENT, respondent=respondent, scope="+".join(narrowed))

    if evidence is None:
        with project.transaction():
            insert(project.conn, None)
    else:
        project.objects.put(EVIDENCE_KIND[mode], evidence, respondent=respondent, on_stored=insert)
    return current_consent(project, respondent)  # type: ignore[return-value]


def current_consent(project: Project, respondent: str) -> Consent | None:
    row = project.conn.execute(
        "SELECT id, respondent, script, version, language, text_sha256, mode, answers, recorded, evidence_object"
        " FROM consents WHERE respondent = ? ORDER BY id DESC LIMIT 1",
        (respondent,),
    ).fetchone()
    if row is None:
        return None
    return Consent(*row[:7], json.loads(row[7]), row[8], row[9])


def consents(project: Project) -> list[Consent]:
    rows = project.conn.execute(
        "SELECT id, respondent, script, version, language, text_sha256, mode, answers, recorded, evidence_object"
        " FROM consents ORDER BY id"
    ).fetchall()
    return [Consent(*row[:7], json.loads(row[7]), row[8], row[9]) for row in rows]


CAPTURE_ITEMS = ("participate", "audio_recording")


def _withdrawal_blocks(project: Project, respondent: str, item: str) -> bool:
    """"all" blocks everything; "future-use" blocks new capture but not use of what was collected."""
    if require_respondent(project, respondent) != "withdrawn":
        return False
    (scope,) = project.conn.execute(
        "SELECT withdrawal_scope FROM respondents WHERE code = ?", (respondent,)
    ).fetchone()
    return scope == "all" or item in CAPTURE_ITEMS


def allows(project: Project, respondent: str, item: str) -> bool:
    if _withdrawal_blocks(project, respondent, item):
        return False
    consent = current_consent(project, respondent)
    return bool(consent and consent.answers.get("participate") and consent.answers.get(item))


_ACTIONS = {
    "participate": "anything can be captured",
    "audio_recording": "audio can be captured (typed notes are still allowed)",
    "excerpts": "excerpts can be exported",
    "quotation": "excerpts can be exported as quotations",
}


def require(project: Project, respondent: str, item: str) -> None:
    """Raise GateClosed unless ``respondent``'s current consent says yes to ``item``."""
    if _withdrawal_blocks(project, respondent, item):
        raise GateClosed(f"respondent {respondent} has withdrawn consent",
                         "nothing more may be captured or used for a withdrawn respondent")
    consent = current_consent(project, respondent)
    if consent is None:
        raise GateClosed(f"respondent {respondent} has no recorded consent, so nothing can be captured",
                         f"record it first: `fieldkit consent record {respondent}`")
    if not consent.answers.get(item):
        raise GateClosed(f"respondent {respondent} did not consent to {item.replace('_', ' ')}, so no "
                         f"{_ACTIONS.get(item, item)}".replace("no anything", "nothing"),
                         "record a new consent if the respondent changes their mind")


@dataclass(frozen=True)
class Withdrawal:
    respondent: str
    scope: str
    destroyed: int


WITHDRAWAL_INTENT = "withdrawal"


def interrupted_withdrawal(project: Project, respondent: str) -> intents.Intent | None:
    """The recorded intent of a withdrawal of ``respondent`` that a crash cut short, if any."""
    found = intents.pending(project.conn, WITHDRAWAL_INTENT, respondent)
    return found[0] if found else None


def withdraw(project: Project, respondent: str, scope: str = "all") -> Withdrawal:
    """Record a withdrawal. Scope "all" destroys the respondent's objects now — well inside the policy's
    withdrawal deadline — and removes them from the linking key; "future-use" stops capture and new use.

    The withdrawal mark and the intent to destroy commit together; every step after it can be repeated, so
    a withdrawal cut short by a crash is finished by the next opening, or by running the command again."""
    if scope not in SCOPES:
        raise UsageError(f"unknown withdrawal scope {scope!r}", f"choose one of {', '.join(SCOPES)}")
    if require_respondent(project, respondent) == "withdrawn":
        pending = interrupted_withdrawal(project, respondent)
        if pending is None:
            raise StateError(f"respondent {respondent} has already withdrawn",
                             "nothing to do; `fieldkit consent status` shows who withdrew")
        return finish_withdrawal(project, pending)
    rule = withdrawal_rule(project)
    with project.transaction():
        project.conn.execute(
            "UPDATE respondents SET status = 'withdrawn', withdrawn = ?, withdrawal_scope = ? WHERE code = ?",
            (format_instant(project.clock.now()), scope, respondent),
        )
        project.audit.append("consent_withdrawn", respondent=respondent, scope=scope, rule=rule)
        if scope != "all":
            return Withdrawal(respondent, scope, 0)
        intent = intents.begin(project.conn, project.clock, WITHDRAWAL_INTENT, respondent, scope=scope, rule=rule)
    return finish_withdrawal(project, intents.Intent(intent, WITHDRAWAL_INTENT, respondent,
                                                     {"scope": scope, "rule": rule}, ""))


def finish_withdrawal(project: Project, intent: intents.Intent) -> Withdrawal:
    """The steps after the mark, each safe to repeat: destroy what is still live, forget the respondent in
    the linking key, let later stages prune (pseudonym map, codings, memos), then close the intent."""
    from fieldkit.consent.linking import forget_respondent

    respondent, rule = intent.subject or "", intent.data.get("rule")
    destroyed = 0
    rows = project.conn.execute(
        "SELECT id FROM objects WHERE respondent = ? AND destroyed IS NULL ORDER BY created", (respondent,)
    ).fetchall()
    with project.objects.erasure_batch():  # one key rotation for the lot (vault.rotation)
        for (object_id,) in rows:
            project.objects.shred(object_id, reason=WITHDRAWAL_EVENT, rule=rule)
            destroyed += 1
        interviews = tuple(i.id for i in list_interviews(project) if i.respondent == respondent)
        forget_respondent(project, respondent)
        # later stages react: names only they used leave the pseudonym map, their codings and memos go
        pipeline.publish(project, pipeline.RespondentWithdrawn(respondent, interviews))
    with project.transaction():
        intents.finish(project.conn, intent.id)
    return Withdrawal(respondent, intent.data.get("scope", "all"), destroyed)


def finish_interrupted_withdrawal(project: Project, intent: intents.Intent) -> str:
    """The finisher registered for an interrupted withdrawal (services)."""
    result = finish_withdrawal(project, intent)
    return (f"finished the withdrawal of {result.respondent}, interrupted by a crash: {result.destroyed} more"
            " object(s) destroyed")
