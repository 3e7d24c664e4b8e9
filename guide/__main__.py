"""Command line: ``python -m guide check [FOLDER]`` validates the content, and checks that it has
every UI key the code asks for, with the placeholders the code fills (``guide.ui_keys``)."""

from __future__ import annotations

import sys

from guide import ui_keys
from guide.content import ContentError, load


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


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] != "check":
        print("usage: python -m guide check [CONTENT_FOLDER]", file=sys.stderr)
        return 2
    return check(args[1:])


if __name__ == "__main__":
    raise SystemExit(main())
