"""What one YAML scalar of a model is, and why it is not valid when it is not: the loader's
value rules (an integer of a sane length, a real date, text without control characters),
and PyYAML's syntax errors said plainly."""

from __future__ import annotations

import datetime
import re
from typing import Any

import yaml

from archdoc.errors import shown

_FORBIDDEN = re.compile("[" + "".join(
    f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in
    [(0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F), (0xD800, 0xDFFF), (0xFDD0, 0xFDEF)]
    + [(plane * 0x10000 + 0xFFFE, plane * 0x10000 + 0xFFFF) for plane in range(17)]) + "]")
MAX_STRING = 100_000  # characters in one scalar (a summary may be long; a label is limited)


def text_problem(value: str) -> str | None:
    """Why a scalar string cannot be rendered, if it cannot."""
    found = _FORBIDDEN.search(value)
    if found:
        ch = found.group()
        what = "a lone surrogate" if "\ud800" <= ch <= "\udfff" else (
            "a Unicode noncharacter" if ch > "\x9f" else "a control character")
        return (f"text holds {what} (U+{ord(ch):04X}) at character {found.start() + 1}; "
                "remove it")
    if len(value) > MAX_STRING:
        return f"text of {len(value):,} characters; the limit is {MAX_STRING:,}"
    return None



_TAG_NAMES = {"tag:yaml.org,2002:int": "an integer", "tag:yaml.org,2002:float": "a number",
              "tag:yaml.org,2002:bool": "a boolean", "tag:yaml.org,2002:timestamp": "a date",
              "tag:yaml.org,2002:null": "null"}
MAX_INT_DIGITS = 30  # no field needs more; Python refuses to parse beyond 4,300 anyway


def scalar_of(helper: yaml.SafeLoader, event: yaml.ScalarEvent) -> tuple[Any, str | None]:
    """The value of a scalar, and why it is not valid if it is not (then its text is kept)."""
    tag = event.tag
    explicit = tag not in (None, "!")
    if not explicit:
        tag = helper.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag == "tag:yaml.org,2002:int" and len(event.value.lstrip("+-")) > MAX_INT_DIGITS:
        return event.value, (f"integer of {len(event.value)} digits; numbers in a model have "
                             f"at most {MAX_INT_DIGITS}")
    node = yaml.ScalarNode(str(tag), event.value, None, None, event.style)
    try:
        value = helper.construct_object(node)
    except Exception as exc:  # PyYAML's constructors fail in many ways on bad text

        what = _TAG_NAMES.get(str(tag), "a value of its type")
        reason = "" if explicit else f" ({shown(exc)})" if tag != "tag:yaml.org,2002:timestamp" \
            else " (no such day)"
        return event.value, f"'{shown(event.value)}' is not {what}{reason}"
    if isinstance(value, datetime.datetime):
        return value.isoformat(), None
    return value, None


def yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if "'\\t'" in problem or "\t" in problem:
        return "tab character: YAML indentation must use spaces, not tabs"
    text = f"invalid YAML: {problem}"
    if context and context not in problem:
        text += f" ({context})"
    return text


__all__ = ["MAX_STRING", "scalar_of", "text_problem", "yaml_message"]
