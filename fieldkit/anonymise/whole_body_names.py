"""A body's whole name is one name: «Огни Алатау» in quotes, МФО «Береке Кредит», «школа № 14 имени Абая».

Recognizers often take only the word of a quoted name that a list knows («Огнях [ORG]», «[PERSON] [ORG]»), and
the word left beside the placeholder names the newspaper or the lender all the same. So an organisation found
inside a short quoted title grows over the whole quote, with the legal form written before it (МФО, ТОО, АО…),
and takes in whatever else was found inside it; and one named after a person takes in «имени» and the name.
"""

from __future__ import annotations

import re

from fieldkit.anonymise.findings import Finding
from fieldkit.anonymise.script_gate import finditer

#: a short title in quotes, every word of it capitalised or a number: what a body's name looks like, unlike a quoted
#: saying («Смотри, но не видь»)
_QUOTED_TITLE = re.compile(r"[«\"“](?P<title>[^«»\"“”\n]{2,40})[»\"”]")
_TITLE_WORD = re.compile(r"[\w'’-]+")
_MAX_TITLE_WORDS = 4
#: a legal form right before the quote, which belongs to the name
_FORM_BEFORE = re.compile(r"(?<![\w-])(?:МФО|МКО|ТОО|АО|ИП|КХ|ЖШС|ОО|ОФ|ПК|TOO|LLP|JSC|MFO|AO|IP)\s*$")


def _is_title(title: str) -> bool:
    words = _TITLE_WORD.findall(title)
    return 0 < len(words) <= _MAX_TITLE_WORDS and all(word[0].isupper() or word[0].isdecimal() for word in words)


def _more_than_the_place(quote: re.Match, place: Finding) -> bool:
    """Whether a quoted title of two words or more has a word outside the place found in it."""
    words = list(_TITLE_WORD.finditer(quote["title"]))
    offset = quote.start("title")
    return len(words) >= 2 and any(not (place.start <= offset + m.start() < place.end) for m in words)


def whole_quoted_names(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` with each organisation inside a quoted title grown over the quote and the form before it."""
    quotes = [match for match in finditer(_QUOTED_TITLE, text) if _is_title(match["title"])]
    if not quotes:
        return findings
    grown: list[Finding] = []
    absorbed: set[int] = set()
    for quote in quotes:
        inside = [index for index, finding in enumerate(findings)
                  if quote.start() <= finding.start and finding.end <= quote.end() and index not in absorbed]
        straddling = any(f.start < quote.end() and quote.start() < f.end
                         and not (quote.start() <= f.start and f.end <= quote.end()) for f in findings)
        # (or a place with other words of the title beside it: «Наш Костанай», a newspaper, is no place)
        if straddling or not any(findings[index].entity == "ORGANIZATION" or (
                findings[index].entity == "LOCATION" and _more_than_the_place(quote, findings[index]))
                for index in inside):
            continue
        start = quote.start()
        form = _FORM_BEFORE.search(text, max(0, start - 6), start)
        if form and not any(f.start < start and form.start() < f.end for f in findings):
            start = form.start()
        score = max(findings[index].score for index in inside)
        absorbed.update(inside)
        grown.append(Finding("ORGANIZATION", start, quote.end(), score, text[start:quote.end()]))
    if not grown:
        return findings
    kept = [finding for index, finding in enumerate(findings) if index not in absorbed
            and not any(g.start < finding.end and finding.start < g.end for g in grown)]
    return sorted(kept + grown, key=lambda f: f.start)


#: «имени Абая», «им. Т. Рыскулова», "named after Abai": the person a school or a street is named after
_NAMED_AFTER = re.compile(r"\s+(?:имени|им\.|атындағы|атындагы|named\s+after)\s+"
                          r"(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]\.\s?){0,2}[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+(?:\s+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+)?")


def with_named_after(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` with each organisation grown over the «имени …» after it: with the number, the person a school
    is named after tells which school it is, and the name left beside a placeholder says it."""
    result: list[Finding] = []
    skip_until = -1
    for finding in findings:
        if finding.start < skip_until:
            continue
        named = _NAMED_AFTER.match(text, finding.end) if finding.entity == "ORGANIZATION" else None
        if named:
            later = [f for f in findings if finding.end <= f.start < named.end()]
            end = max([named.end(), *(f.end for f in later)])
            finding = Finding("ORGANIZATION", finding.start, end, finding.score, text[finding.start:end])
            skip_until = end
        result.append(finding)
    return result


#: an agency's letters right before «по» and the region it serves: «КГД по ЗКО», «дп по мангистауской области»
_AGENCY_BY_REGION = re.compile(r"(?<![\w-])(?P<agency>(?!(?:УК|УПК|ГК|НК|ТК|ЖК|РК|КоАП|АПК|ГПК|UK|UPK)\s)"
                               r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,5}|(?:кгд|дгд|дп|уп|двд|увд|овд|умвд|дкнб|"
                               r"пд|дуис|куис|дэр|эрд|антикор|kgd|dgd|dp|up|dvd|uvd|dkn?b))\s+(?:по|po)\s+$")


def agencies_by_region(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` with a region served by an agency named before it taken into one organisation: «КГД по ЗКО»
    left as «КГД по [PLACE]» still names one office, and the place generalised keeps the region anyway."""
    result: list[Finding] = []
    for finding in findings:
        agency = (_AGENCY_BY_REGION.search(text, max(0, finding.start - 16), finding.start)
                  if finding.entity == "LOCATION" else None)
        if agency is not None:
            start = agency.start()
            if result and result[-1].entity == "ORGANIZATION" and result[-1].end >= start:
                start = result.pop().start  # the agency found already: «ДП ЗКО» is one body with its region
            finding = Finding("ORGANIZATION", start, finding.end, finding.score, text[start:finding.end])
        result.append(finding)
    return result
