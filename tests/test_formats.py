"""One format seam: every output format is a Format value, and the CLI's choices and help are
taken from them, so they cannot disagree."""

from __future__ import annotations

import inspect

import pytest

from archdoc.formats import FORMATS, get, names


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f"{f.of}:{f.name}")
def test_every_format_loads_its_formatter(fmt) -> None:
    formatter = fmt.load()
    params = list(inspect.signature(formatter).parameters)
    assert params == (["ctx"] if fmt.of == "build" else ["report", "color"])
    assert fmt.help and get(fmt.of, fmt.name) is fmt


def test_format_names_are_unique_per_subject() -> None:
    for of in ("build", "drift", "check", "diff"):
        assert len(names(of)) == len(set(names(of))) > 0
    assert names("build") == ["diagram", "drawio", "report", "site"]


def test_the_cli_offers_exactly_the_formats(capsys) -> None:
    from archdoc.cli_args import parser_for

    parser = parser_for()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for command, of in (("drift", "drift"), ("check", "check")):
        action = next(a for a in commands[command]._actions if "--format" in a.option_strings)
        assert list(action.choices) == names(of)
        for fmt in FORMATS:
            if fmt.of == of:
                assert fmt.name in action.help and fmt.help in action.help
    only = next(a for a in commands["build"]._actions if "--only" in a.option_strings)
    assert all(name in only.help for name in names("build"))  # site too


def test_an_unknown_output_names_the_known_ones() -> None:
    from archdoc.build import selected_outputs
    from archdoc.errors import UsageError

    with pytest.raises(UsageError, match="choose from diagram, drawio, report, site"):
        selected_outputs("diagram,pdf")
    assert selected_outputs("site,diagram,site") == ["site", "diagram"]
