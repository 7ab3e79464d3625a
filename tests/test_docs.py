"""The README documents every command, and its quickstart output is what the CLI prints."""
import io

import pytest
from conftest import ROOT

from essaycoach.cli import build_parser, main

README = (ROOT / "README.md").read_text()
COMMANDS = sorted(build_parser()._subparsers._group_actions[0].choices)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented(command):
    assert f"essaycoach {command}" in README


def test_readme_has_the_two_commands():
    assert "make app" in README and "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_quickstart_output_is_real():
    out = io.StringIO()
    main(["mark", "--rubric", "trotsky-errors", str(ROOT / "examples" / "amy.txt")], out=out)
    shown = README.split("```console")[1].split("```")[0].strip().splitlines()[1:]
    printed = out.getvalue().splitlines()
    assert shown[:4] == printed[:4]
    assert printed[4].startswith(shown[4].rstrip("\u2026"))
