"""A body named after its place, with the words between (issue 17): the whole name is the organisation, not just
the place in it — «[PLACE] областном наркологическом центре» still names one clinic."""

from __future__ import annotations

import pytest

from fieldkit.anonymise.pseudonyms import redact


@pytest.mark.parametrize("text, words", [
    ("лечился в карагандинском областном наркологическом центре", ("наркологическом", "центре")),
    ("жетісу облысы бойынша полиция департаментінде істедім", ("бойынша", "департаментінде")),
    ("түркістан облыстық наркологиялық орталығында жаттым", ("наркологиялық", "орталығында")),
    ("he was treated at the Aktobe regional drug treatment centre", ("treatment", "centre")),
])
def test_the_words_between_a_place_and_its_body_go_with_the_organisation(text, words):
    redacted = redact(text, "en" if text.isascii() else "ru")
    assert "[ORG" in redacted, redacted
    for word in words:
        assert word not in redacted, redacted


@pytest.mark.parametrize("text, kept", [
    ("павлодар облысы бойынша пд қызметкері келді", "қызметкері"),
    ("я жил в алматы и работал в школе", "школе"),
])
def test_an_employee_or_a_generic_school_is_no_part_of_a_body(text, kept):
    assert kept in redact(text, "ru")


def test_an_english_job_before_a_place_is_no_body():
    assert redact("I worked as a police officer in Chicago for years", "en").startswith("I worked as a police officer")


@pytest.mark.parametrize("text, body", [
    ("мен шығыс қазақстан облыстық полиция департаментінде істедім",
     "шығыс қазақстан облыстық полиция департаментінде"),
    ("ол сарыарқа аудандық полиция басқармасына шақырды", "сарыарқа аудандық полиция басқармасына"),
    ("ұйғыр аудандық сотында сотталдым", "ұйғыр аудандық сотында"),
    ("жаназен калалык полиция болими", "жаназен калалык полиция болими"),  # whisper's Russian letters
])
def test_a_kazakh_body_named_by_its_place_is_one_organisation(text, body):
    redacted = redact(text, "ru")
    assert "[ORG" in redacted and not any(word in redacted for word in body.split()[1:]), redacted


def test_a_kazakh_body_with_no_place_is_kept():
    text = "ол аудандық сотта істеді, облыстық полиция департаментіне барды"
    assert redact(text, "ru") == text


@pytest.mark.parametrize("text, words", [
    # the place first, then the body's head, perhaps behind adjectives
    ("меня вызвали в темиртауский горотдел и попросили", ("темиртауский", "горотдел")),
    ("приговор вынес меркенский районный суд в тот же день", ("меркенский", "суд")),
    ("он на кентауском трансформаторном заводе работал", ("кентауском", "заводе")),
    ("после академии попал в сайрамский ровд в уголовный розыск", ("сайрамский", "ровд")),
    ("аягөз овд-де істедім", ("аягөз", "овд")),
    # the body first, then its place in the genitive or after «по»
    ("потом перевели в ювенальном суде шымкента", ("ювенальном", "суде", "шымкента")),
    ("работал в отделе таможенного администрирования департамента государственных доходов по мангистауской области",
     ("отделе", "администрирования", "департамента", "мангистауской")),
    ("в юго восточного отдела полиции караганды", ("юго", "отдела", "караганды")),
    ("Отдел ЖКХ акимата г. Текели не ответил", ("Отдел", "ЖКХ", "акимата", "Текели")),
])
def test_a_place_grows_into_the_body_it_names(text, words):
    redacted = redact(text, "ru")
    assert "[ORG" in redacted, redacted
    for word in words:
        assert word not in redacted, redacted


@pytest.mark.parametrize("text, kept", [
    ("поехал в суд в караганде", "суд"),  # a preposition between: the court is not Karaganda's by name
    ("сотрудники полиции алматы приехали", "сотрудники"),  # «сот» (a Kazakh court) does not start «сотрудники»
    # a sentence ends between, after a full word or an abbreviation
    ("он служил в отделе дэр по атырауской области. директор тоо «балыкшы балык» знал", "директор"),
    ("он служил в отделе дэр по атырауской обл. Директор тоо «балыкшы балык» знал", "Директор"),
    ("статистику по делам ст. 297 УК по Жамбылской обл. за год", "УК"),  # the criminal code, not a colony
    ("мы жили в караганде отдел полиции рядом", "отдел"),  # a place that is a noun takes only an abbreviation after it
])
def test_a_body_does_not_grow_over_words_that_are_not_its_name(text, kept):
    assert kept in redact(text, "ru")


@pytest.mark.parametrize("text, language, company", [
    ("он работал в глобал джоб сервис водителем", "ru", "глобал джоб сервис"),
    ("в жайык пресс писали об этом", "ru", "жайык пресс"),
    ("we both worked at mangystau munai servis then", "en", "mangystau munai servis"),
    ("byla statya v tobol media pro nego", "en", "tobol media"),
])
def test_a_company_named_by_its_kind_of_work_is_an_organisation(text, language, company):
    redacted = redact(text, language)
    assert "[ORG" in redacted and not any(word in redacted for word in company.split()), redacted


@pytest.mark.parametrize("text, language, kept", [
    ("у них хороший сервис и всё", "ru", "хороший сервис"),
    ("я отдал машину в сервис", "ru", "в сервис"),
    ("he sold grain to kostanai astyk last year", "en", "grain to"),
])
def test_ordinary_words_before_a_kind_of_work_make_no_company(text, language, kept):
    assert kept in redact(text, language)
