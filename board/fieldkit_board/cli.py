"""``fieldkit-board``: verify an exported audit log, or make the retention report from it, with nothing but
the file and the board's pin.

Exit codes: 0 verified (pinned, or labelled UNPINNED under --trust-embedded-key), 11 the log fails
verification or is unpinned, 2 a usage error (bad option, unreadable pin file).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fieldkit_board import chain

EXIT_FAILED = 11
EXIT_USAGE = 2


def verification_lines(result: chain.Verification) -> list[str]:
    """What a verification prints: an unpinned one says so on every line, so no excerpt can drop it."""
    if result.pinned:
        pins = " and ".join(result.pinned_by)
        return [f"audit chain OK: {result.entries} entries, head {result.head}",
                f"pinned by {pins}: audit key fingerprint {chain.fingerprint(result.public_key)}",
                f"checkpoint: {result.checkpoint}"]
    label = "UNPINNED"
    return [f"{label}: audit chain consistent: {result.entries} entries, head {result.head}",
            f"{label}: signed only by the key the file carries itself (fingerprint "
            f"{chain.fingerprint(result.public_key)}): anyone could have made this log",
            f"{label}: checkpoint: {result.checkpoint}"]


def _pin(args: argparse.Namespace) -> chain.Pin:
    pins = []
    if args.public_key:
        pins.append(chain.parse_key_pin(args.public_key))
    if args.pin:
        pins.append(chain.read_pin_file(Path(args.pin)))
    if args.checkpoint:
        pins.append(chain.Pin(checkpoint=chain.parse_checkpoint(args.checkpoint)))
    return chain.combine_pins(*pins)


def _add_pin_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the exported log (.jsonl, from `fieldkit audit export`)")
    parser.add_argument("--public-key", help="the project's audit key or its fingerprint")
    parser.add_argument("--checkpoint", help="a checkpoint sent home earlier (N:HASH)")
    parser.add_argument("--pin", help="the board's pin file (key and checkpoint)")
    parser.add_argument("--trust-embedded-key", action="store_true",
                        help="check against the key the file carries: proves only that it is consistent")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fieldkit-board", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    verify = commands.add_parser("verify", help="verify an exported audit log against the board's pin")
    _add_pin_options(verify)
    report = commands.add_parser("report", help="the retention report (HTML) made from an exported log alone")
    _add_pin_options(report)
    report.add_argument("--out", required=True, help="where to write the HTML page")
    return parser


def _error(message: str, hint: str | None, code: int) -> int:
    print(f"fieldkit-board: error: {message}", file=sys.stderr)
    if hint:
        print(f"fieldkit-board: hint: {hint}", file=sys.stderr)
    return code


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        pin = _pin(args)
    except ValueError as exc:
        return _error(str(exc), "see `fieldkit-board verify --help`", EXIT_USAGE)
    if not Path(args.file).is_file():
        return _error(f"cannot read {args.file}: no such file", "check the path of the exported log", EXIT_USAGE)
    try:
        export = chain.read_export(Path(args.file))
        result = chain.verify_export(export, pin, trust_embedded_key=args.trust_embedded_key)
    except chain.VerifyError as exc:
        return _error(f"{exc.message} [{exc.verdict}]", exc.hint, EXIT_FAILED)
    if args.command == "verify":
        print("\n".join(verification_lines(result)))
        return 0
    from fieldkit_board.report import report_from_log

    html = report_from_log(export, result)
    out = Path(args.out)
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        return _error(f"cannot write {out}: {exc.strerror}", None, EXIT_USAGE)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
