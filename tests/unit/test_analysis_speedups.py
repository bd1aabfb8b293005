"""The twelfth round's speed-ups change no finding: each is checked against the slower way it replaced."""

from __future__ import annotations

import copy

from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

from fieldkit.anonymise.engine import _Taken, analyse, analyzer
from fieldkit.anonymise.findings import Finding

_ENGLISH = ("my phone number is 8 701 555 12 34 and the mobile of my brother is 87015551299, "
            "call after 9 pm; his email is erlan.bekov@mail.kz and his card 4111 1111 1111 1111")


def _raw_results(text: str):
    engine = analyzer()
    artifacts = engine.nlp_engine.process_text(text, "en")
    recognizers = engine.registry.get_recognizers(language="en", all_fields=True)
    results = []
    for recognizer in recognizers:
        for result in recognizer.analyze(text, recognizer.supported_entities, artifacts) or []:
            result.recognition_metadata = {**(result.recognition_metadata or {}),
                                           "recognizer_identifier": recognizer.id}
            results.append(result)
    return artifacts, recognizers, results


def test_the_context_enhancer_scores_as_presidios_own():
    artifacts, recognizers, results = _raw_results(_ENGLISH)
    ours = analyzer().context_aware_enhancer.enhance_using_context(
        _ENGLISH, copy.deepcopy(results), artifacts, recognizers)
    theirs = LemmaContextAwareEnhancer().enhance_using_context(_ENGLISH, copy.deepcopy(results), artifacts,
                                                               recognizers)
    assert [(r.entity_type, r.start, r.end, r.score) for r in ours] == [
        (r.entity_type, r.start, r.end, r.score) for r in theirs]
    # and the context words did raise a score somewhere, or the comparison shows nothing
    assert any(a.score != b.score for a, b in zip(theirs, results, strict=True))


def test_english_lemmas_are_the_lower_case_words_at_their_offsets():
    text = "Captain Murat KOZHANOV called from Almaty."
    artifacts = analyzer().nlp_engine.process_text(text, "en")
    assert artifacts.lemmas == [token.lower_ for token in artifacts.tokens]
    assert artifacts.tokens_indices == [token.idx for token in artifacts.tokens]


def test_overlaps_are_found_as_a_full_scan_finds_them():
    import random

    generator = random.Random(12)
    taken = _Taken()
    kept: list[Finding] = []
    for _ in range(400):
        start = generator.randrange(0, 5_000)
        end = start + generator.randrange(1, 700)
        query = (generator.randrange(0, 5_000), 0)
        query = (query[0], query[0] + generator.randrange(1, 300))
        expected = [i for i, f in enumerate(kept) if query[0] < f.end and f.start < query[1]]
        assert taken.overlapping(*query) == expected
        finding = Finding("PERSON", start, end, 0.5, "x", None)
        if kept and generator.random() < 0.2:
            index = generator.randrange(len(kept))
            taken.move(index, kept[index], finding)
            kept[index] = finding
        else:
            kept.append(finding)
            taken.add(len(kept) - 1, finding)


def test_a_long_english_transcript_is_found_whole():
    sentence = ("my friend murat kozhanov called me from almaty on 8 701 555 12 34 about the money, "
                "captain serikbayev said nothing. ")
    text = sentence * 60
    found = analyse(text, "en")
    assert sum(f.text.casefold() == "murat kozhanov" for f in found) == 60


# The thirteenth round's: words read once for the whole process, not once per chunk. A cached answer must be the
# uncached one, and a cached set must not be changed by a caller.

_WORDS = ("вкостанае", "впавлодар", "chimkentte", "shymkentke", "nurjan", "Aizhanmen", "жанары", "туралы", "дастаном",
          "собаку", "алматыда", "berik", "қаржаубая", "vshymkente", "igor'em", "xyz")


def test_the_word_caches_answer_as_the_functions_they_keep():
    from fieldkit.anonymise import names
    from fieldkit.anonymise.gazetteer import gazetteer
    from fieldkit.anonymise.morphology import latin_key
    from fieldkit.anonymise.nicknames import _latin_stock

    place = gazetteer()
    given, ambiguous = names.given_names()
    for word in _WORDS:
        for _ in range(2):  # the second call answers from the cache
            assert latin_key(word) == latin_key.__wrapped__(word)
            assert _latin_stock(word) == _latin_stock.__wrapped__(word)
            assert names._name_keys(word) == names._name_keys.__wrapped__(word)
            for strict in (True, False):
                assert names._listed_name(word, given, ambiguous, strict=strict) == names._listed_name.__wrapped__(
                    word, given, ambiguous, strict=strict)
            assert place._glued_place(word) == place._read_glued_place(word)
            assert place._latin_place(word) == place._read_latin_place(word)
    # something was found, or the comparison says nothing
    assert place._glued_place("вкостанае") and names._listed_name("Aizhanmen", given, ambiguous)


def test_a_cached_key_set_cannot_be_changed_by_its_caller():
    from fieldkit.anonymise import names

    keys = names._name_keys("жанары")
    assert isinstance(keys, frozenset)
    assert names.is_listed_name("туралы") is names.is_listed_name("туралы")
    assert names._name_keys("жанары") == keys
