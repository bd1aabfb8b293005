"""Twenty-seventh round: a surname a note cuts short at a hyphen («Сап-в») or after the given name it is made from
(«Ахметж.»), a word a note calls a surname («Мельник (фамилия!»), a possessive adjective that is a surname after a
given name in its case («с жекой бабушкиным»), a Kazakh genitive of a name that is a word before the person's
husband or number ("bakyttyn kuieui", "dumannyn nomerin"), a Russian name's case in messenger Latin after a kin
word ("brata kolju"), nicknames before «ещё его звали» and after «кличка такая», a Russian village with a Kazakh
case ending («васильковкада»), a street named after an anniversary («ул. 50 лет Октября, 77») or with its namesake's
title («улице академика сатпаева үй …»), what Oskemen and Novosibirsk are called in speech, «лярд» and
«стольник» as sums, a plate whose letters are said in English («экс вай зет»), an Uzbek given name that is a Kazakh
word before a surname («өткір юлдашев»). Kept: the words around them («док-тов», «остановкада», «пышағы өткір»).
Texts invented in the shapes seen on the tuning set pii-field-dev29."""

from __future__ import annotations

import pytest

from fieldkit.anonymise.engine import analyse
from fieldkit.anonymise.pseudonyms import redact
from tests.unit.redacted_words import assert_gone_and_kept


@pytest.mark.parametrize("text, gone, kept", [
    # surnames a note cuts short
    ("Кар-в и Жумаб-ва — оба из Рудного, задержаны вместе", ["кар-в", "жумаб-ва"], ["оба", "задержаны"]),
    ("Оспанж. держит шиномонтаж на выезде, платит крыше", ["оспанж"], ["держит", "платит"]),
    ("Сорока (фамилия, P-07) — водитель на трассе", ["сорока"], ["водитель", "трассе"]),
    # a surname that is a possessive adjective, after a given name in its case
    ("мы тогда с олегом синицыным по гаражам лазили", ["олегом", "синицыным"], ["тогда", "гаражам"]),
    # Kazakh genitives and Russian cases in messenger Latin
    ("zauytta istedim. nurlannyn nomerin surap edin goi, berip zhibershi", ["nurlannyn"], ["nomerin", "surap"]),
    ("zhuldyzdyn kuieui shekarada istejdi", ["zhuldyzdyn"], ["kuieui", "shekarada"]),
    ("u nego sestru valju zabrali v gorod", ["valju"], ["sestru", "gorod"]),
    ("salem. aigerim menin kelinim, uiden shyqpaidy", ["aigerim"], ["kelinim", "salem"]),
    ("сәуле менің қызым, ол мектепте оқиды", ["сәуле"], ["қызым", "мектепте"]),
    # a Kazakh word that is a given name, where the sentence uses it as the word
    ("Атым Қуаныш Сейітов. Ал қазір үйге қуаныш емес, тек қайғы әкелдім", ["сейітов"], ["қуаныш", "қайғы"]),
    # nicknames
    ("Кабан ещё его звали за глаза, он рынок держал", ["кабан"], ["рынок", "держал"]),
    ("был у нас бригадир кличка такая хохол, всех строил", ["хохол"], ["бригадир", "строил"]),
    # places
    ("біз советовкаға бардық, сонда тұрады", ["советовкаға"], ["бардық", "тұрады"]),
    ("брат с ускамана приехал, а потом в новосиб уехал", ["ускамана", "новосиб"], ["брат", "приехал"]),
    ("адрес: Рудный, ул. 60 лет Октября, 14, кв. 8 — там склад", ["60", "октября", "14"], ["там", "склад"]),
    ("ол тұрады по улице академика сатпаева үй он екі пәтер жеті", ["академика", "сатпаева", "он", "екі"],
     ["ол", "тұрады"]),
    # sums in slang, a plate with English letter names
    ("на бумаге пол-лярда, а по факту по стольнику в неделю собирал", ["пол-лярда", "стольнику"],
     ["бумаге", "неделю"]),
    ("dogovorilis na pol ljama, potom eshche dva ljama otdal", ["pol", "ljama"], ["dogovorilis", "otdal"]),
    ("номер жеті жүз сорок два экс вай зет он бес, машина ақ түсті", ["жеті", "экс", "вай", "зет"],
     ["машина", "түсті"]),
    # an Uzbek given name that is a Kazakh word, before a surname
    ("өткір юлдашев базарда сатады, ал өткірдің ағасы шетелде", ["өткір", "юлдашев", "өткірдің"], ["базарда"]),
])
def test_round_27_leaks_are_closed_and_words_kept(text, gone, kept):
    assert_gone_and_kept(redact(text, "en" if text.isascii() else "ru"), gone, kept)


@pytest.mark.parametrize("text, language", [
    ("Пшеница → Россия без док-тов, кол-во не знаю", "ru"),
    ("автобус остановкада тұрды, тусовкада болдық", "ru"),
    ("пышағы өте өткір екен", "ru"),
    ("бабушкин дом стоял у линии", "ru"),
    ("пришёл к маме с бабушкиным пирогом", "ru"),
    ("улица академика была тихой", "ru"),
    ("анасы жылына екі рет баратын", "ru"),
    ("siz suragan adamnyn nomerin taptym, ol kisi auylda turady", "en"),
])
def test_nothing_is_taken_from_words_that_only_look_like_the_cues(text, language):
    found = [f for f in analyse(text, language) if f.entity in ("PERSON", "ORGANIZATION", "LOCATION", "ADDRESS")]
    assert not found, found
