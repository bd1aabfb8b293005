"""Dates written out in words, as speech recognition writes them (issue 17): «двенадцатого марта две тысячи
девятнадцатого года», «в две тысячи шестнадцатом году», «в девяносто восьмом году», «екі мың он тоғызыншы
жылы». The rules for dates in digits and month names do not see them; this recognizer reports them as DATE."""

from __future__ import annotations

import re

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

_DAY_ORDINALS = (
    "перв", "втор", "трет", "четвёрт", "четверт", "пят", "шест", "седьм", "восьм", "девят", "десят",
    "одиннадцат", "двенадцат", "тринадцат", "четырнадцат", "пятнадцат", "шестнадцат", "семнадцат", "восемнадцат",
    "девятнадцат", "двадцат", "тридцат",
)
_ORDINAL_ENDING = r"(?:ого|ое|ье|ьего|его|ый|ий|ой|ом|ем|ым)"
_DAY = rf"(?:(?:двадцать|тридцать)\s+)?(?:{'|'.join(_DAY_ORDINALS)})\w*{_ORDINAL_ENDING}"
_MONTHS_RU = r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
_MONTHS_KK = r"(?:қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)\w*"
#: a year in words: «две тысячи девятнадцатого», «тысяча девятьсот девяносто восьмом», «девяносто восьмом»
_YEAR_RU = (r"(?:(?:две\s+тысячи|двухтысячн\w+|тысяча\s+девятьсот)(?:\s+[а-яё]+){0,2}?\s+[а-яё]+"
            rf"{_ORDINAL_ENDING}|(?:восемьдесят|девяносто)\s+[а-яё]+{_ORDINAL_ENDING}|двухтысячн\w+)")
_YEAR_WORD_RU = r"(?:года|году|год|годах|годы|г\.)"
_YEAR_KK = r"(?:(?:екі\s+мың|мың\s+тоғыз\s+жүз)(?:\s+[а-яәғқңөұүһі]+){0,2}?\s+[а-яәғқңөұүһі]+(?:ыншы|інші|ншы|нші))"
_PATTERNS = [
    # a month with its day or its year (a month alone, «в начале марта», pins down little)
    re.compile(rf"(?<!\w)(?P<id>{_DAY}\s+{_MONTHS_RU}(?:\s+{_YEAR_RU}(?:\s+{_YEAR_WORD_RU})?)?)(?!\w)",
               re.IGNORECASE),
    re.compile(rf"(?<!\w)(?P<id>{_MONTHS_RU}\s+{_YEAR_RU}(?:\s+{_YEAR_WORD_RU})?)(?!\w)", re.IGNORECASE),
    re.compile(rf"(?<!\w)(?P<id>{_YEAR_RU}\s+{_YEAR_WORD_RU})(?!\w)", re.IGNORECASE),
    re.compile(rf"(?<!\w)(?P<id>{_YEAR_KK}\s+жыл\w*(?:\s+{_MONTHS_KK})?)(?!\w)", re.IGNORECASE),
]
SCORE = 0.85


class SpokenDateRecognizer(EntityRecognizer):
    """DATE for a date or a year written out in Russian or Kazakh words."""

    def __init__(self, language: str) -> None:
        super().__init__(supported_entities=["DATE_WORDS"], name=f"SpokenDates-{language}",
                         supported_language=language)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        results = []
        for pattern in _PATTERNS:
            for match in pattern.finditer(text):
                explanation = AnalysisExplanation(recognizer=self.name, original_score=SCORE,
                                                  textual_explanation="date in words")
                results.append(RecognizerResult("DATE_WORDS", match.start("id"), match.end("id"), SCORE, explanation))
        return results
