"""Command line: ``python -m guide check [FOLDER]`` validates the content, and checks that it has
every UI key the code asks for, with the placeholders the code fills (``guide.ui_keys``).
``python -m guide facts [FOLDER] [--today YYYY-MM-DD]`` lists every fact-bearing citation by the
day it was last verified, oldest first (``guide.facts``)."""

from __future__ import annotations

import datetime as dt
import sys

from guide import facts as facts_mod
from guide import ui_keys
from guide.content import ContentError, load

USAGE = "usage: python -m guide check [CONTENT_FOLDER] | facts [CONTENT_FOLDER] [--today YYYY-MM-DD]"


def check(argv: list[str]) -> int:
    path = argv[0] if argv else None
    try:
        content = load(path)
    except ContentError as exc:
        for line in exc.errors:
            print(line)
        print(f"{len(exc.errors)} error(s)", file=sys.stderr)
        return 1
    errors = list(ui_keys.check(content))  # what the code asks for of content/ui
    if errors:
        for line in errors:
            print(line)
        print(f"{len(errors)} error(s)", file=sys.stderr)
        return 1
    counts = content.counts()
    print("OK " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    return 0


def facts(argv: list[str]) -> int:
    today = dt.date.today()
    args = list(argv)
    if "--today" in args:
        i = args.index("--today")
        try:
            today = dt.date.fromisoformat(args[i + 1])
        except (IndexError, ValueError):
            print("--today: give a date as YYYY-MM-DD", file=sys.stderr)
            return 2
        del args[i : i + 2]
    if len(args) > 1:
        print(USAGE, file=sys.stderr)
        return 2
    try:
        content = load(args[0] if args else None)
    except ContentError as exc:
        for line in exc.errors:
            print(line)
        print(f"{len(exc.errors)} error(s)", file=sys.stderr)
        return 1
    for line in facts_mod.report(content, today):
        print(line)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "check":
        return check(args[1:])
    if args and args[0] == "facts":
        return facts(args[1:])
    print(USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
