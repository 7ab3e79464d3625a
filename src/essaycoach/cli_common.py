"""What the command-line modules share: a result printed as JSON or as text, and whole-number
arguments that refuse anything else with a usage error."""
from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any, TextIO

from .errors import clip

# How a module adds its subcommands: ``add(name, help, func)`` gives the new subparser.
AddCommand = Callable[[str, str, Callable[[argparse.Namespace, TextIO], int]], argparse.ArgumentParser]


def emit(data: Any, as_json: bool, text: str, out: TextIO) -> None:
    """``data`` as indented JSON with ``--json``, else ``text``; a newline after either."""
    out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n" if as_json else text + "\n")


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``, else a usage error (exit 2)."""
    def parse(text: str) -> int:
        try:
            value = int(text) if len(text) <= 12 else None
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{clip(text, 20)!r} is not a whole number from {low} to {high}")
        return value
    return parse
