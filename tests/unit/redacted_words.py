"""What a redacted text still says, word by word: the shared check of the round tests (test_round17 onwards)."""

from __future__ import annotations

_PUNCTUATION = str.maketrans(",.?«»:;()", "         ")


def words_left(text: str) -> list[str]:
    """The words of ``text`` in lower case, punctuation dropped («[PERSON-1]» stays one word)."""
    return text.casefold().translate(_PUNCTUATION).split()


def assert_gone_and_kept(redacted: str, gone: list[str], kept: list[str]) -> None:
    """None of ``gone`` is left in ``redacted`` and every word of ``kept`` still is."""
    out = words_left(redacted)
    assert not [word for word in gone if word in out], out
    assert all(word in out for word in kept), out
