"""The command line's arguments: a run builds only its own command's parser, and what a user
sees of a command (its help, its errors) is the same as from the parser of every command."""

from __future__ import annotations

import contextlib
import io

import pytest

from archdoc import cli
from archdoc.cli_args import ARGUMENTS, parser_for


def _said(command: str | None, argv: list[str]) -> tuple[int, str, str]:
    """Exit code, standard output and standard error of parsing ``argv``."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
            pytest.raises(SystemExit) as stopped:
        parser_for(command).parse_args(argv)
    return stopped.value.code, out.getvalue(), err.getvalue()  # type: ignore[return-value]


@pytest.mark.parametrize("command", list(ARGUMENTS))
def test_a_commands_help_and_errors_read_the_same_from_its_parser_alone(command):
    for argv in ([command, "-h"], [command, "--no-such-option"],
                 [command, "--region"]):  # (an option without its value)
        alone, every = _said(command, argv), _said(None, argv)
        assert alone == every
    code, out, _ = _said(command, [command, "-h"])
    assert code == 0 and out.startswith(f"usage: archdoc {command}")


def test_the_top_level_help_lists_every_command_in_order():
    code, out, _ = _said(None, ["-h"])
    assert code == 0
    listed = [line.split()[0] for line in out.split("COMMAND\n", 1)[1].splitlines()
              if line.startswith("    ")]
    assert listed == list(ARGUMENTS)
    assert set(ARGUMENTS) == set(cli.COMMANDS)  # every command runs, every one parses


@pytest.mark.parametrize("argv, built", [
    (["validate", "missing.yaml"], "validate"), (["schema"], "schema"),
    (["-h"], None), (["no-such-command"], None), ([], None)])
def test_a_run_builds_the_parser_of_its_command_only(argv, built, monkeypatch, capsys):
    asked: list[str | None] = []

    def spy(command: str | None = None):
        asked.append(command)
        parser = parser_for(command)
        chosen = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
        assert list(chosen) == ([command] if command else list(ARGUMENTS))
        return parser

    monkeypatch.setattr(cli, "parser_for", spy)
    with contextlib.suppress(SystemExit):
        cli.main(argv, handle_signals=False)
    assert asked == [built]
