"""`fieldkit pii redact --lang kk` exists (issue 17) and goes through the Kazakh-aware analyzers."""

from __future__ import annotations

from click.testing import CliRunner

from fieldkit.cli import main


def test_pii_redact_accepts_kazakh():
    result = CliRunner().invoke(main, ["pii", "redact", "--lang", "kk"],
                                input="Біз Шымкенттен Нұрлан Серікұлымен бірге келдік.")
    assert result.exit_code == 0, result.output
    assert "Шымкент" not in result.stdout and "Нұрлан" not in result.stdout


def test_anonymise_and_transcribe_take_kazakh(fk, clock):
    """`anonymise --lang kk` analyses with the Kazakh-aware analyzers whatever the transcript was declared in;
    `transcribe --lang kk` is offered; an unknown language is refused in one line, changing nothing."""
    from tests.conftest import add_transcribed_interview

    with fk.open(clock) as project:
        interview = add_transcribed_interview(project, "P", ["біз асқармен және ерланның інісімен бірге келдік"],
                                              language="en")
    fk("anonymise", interview, "--lang", "kk", "--accept-suggestions")
    from fieldkit.anonymise.review import load_anonymised

    with fk.open(clock) as project:
        shown = load_anonymised(project, interview).segments[0].text
    assert "асқар" not in shown and "ерлан" not in shown, shown
    refused = fk("anonymise", interview, "--lang", "uz", expect=2)
    assert "'uz' is not one of 'ru', 'kk', 'en'" in refused.stderr
    assert "kk" in fk("transcribe", "--help").stdout
