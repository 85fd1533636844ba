"""Read YAML into plain Python data, keeping the source position of every key and value.

The events of PyYAML's safe parser are assembled here without recursion, so hostile input
(deep nesting, alias bombs, huge files, ``!!python`` tags) costs bounded time and memory and
never runs code. Duplicate keys are errors, as cfn-lint's decoder makes them.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, NoReturn

import yaml

from archdoc.errors import Diagnostic, Location, ModelError, shown
from archdoc.model.scalars import scalar_of as _scalar
from archdoc.model.scalars import text_problem as _text_problem
from archdoc.model.scalars import yaml_message as _yaml_message

MAX_BYTES = 32 * 1024 * 1024  # a 50,000-resource model is about 10 MB
MAX_DEPTH = 64
# counted with aliases expanded, as a consumer would walk them: enough for 50,000 resources
# (about 27 nodes each), far too few for an alias bomb (which doubles per line)
MAX_NODES = 2_000_000

Path = tuple[Any, ...]

MERGE_KEY = "<<"

_PLAIN_TAGS = {
    None,
    "!",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


# libyaml's parser when PyYAML was built with it (same events and marks, several times faster)
_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    col: int  # 1-based


@dataclass
class SourceMap:
    """Where each path of the loaded data was written. ``key`` marks point at a mapping key."""

    file: str
    values: dict[Path, Mark] = field(default_factory=dict)
    keys: dict[Path, Mark] = field(default_factory=dict)
    # problems that do not stop loading (duplicate keys): validation reports them with the rest
    problems: list[Diagnostic] = field(default_factory=list)

    def value(self, path: Path) -> Mark:
        """Mark of the value at ``path``, or of its nearest written ancestor."""
        return self._nearest(self.values, path)

    def key(self, path: Path) -> Mark:
        """Mark of the key that names ``path`` (falls back to the value mark)."""
        if tuple(path) in self.keys:
            return self.keys[tuple(path)]
        return self.value(path)

    def _nearest(self, table: dict[Path, Mark], path: Path) -> Mark:
        path = tuple(path)
        while path and path not in table:
            path = path[:-1]
        return table.get(path, Mark(1, 1))

    def diagnostic(self, path: Path, message: str, *, at_key: bool = False,
                   severity: str = "error") -> Diagnostic:
        mark = self.key(path) if at_key else self.value(path)
        return Diagnostic(self.location(mark), message, severity)

    def location(self, mark: Mark) -> Location:
        return Location(self.file, mark.line, mark.col)


def _mark(m: Any) -> Mark:
    """A parser mark (PyYAML's or libyaml's; never missing on events) as 1-based positions."""
    return Mark(m.line + 1, m.column + 1) if m is not None else Mark(1, 1)


# YAML 1.1 (PyYAML, libyaml) also breaks lines at NEL, LS and PS; editors count only "\n".
_ODD_BREAKS = ("\x85", "\u2028", "\u2029")


class _Positions:
    """Parser marks as an editor counts lines: by "\n" only."""

    def __init__(self, text: str):
        self.starts: list[int] | None = None
        if any(b in text for b in _ODD_BREAKS):
            self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def __call__(self, m: Any) -> Mark:
        if self.starts is None or m is None or getattr(m, "index", None) is None:
            return _mark(m)
        line = bisect.bisect_right(self.starts, m.index)
        return Mark(line, m.index - self.starts[line - 1] + 1)


# characters no text field may hold: C0/C1 controls but tab and newline, lone surrogates,
# and Unicode's noncharacters (U+FDD0-FDEF, U+xFFFE, U+xFFFF)
def _position(text: str | bytes, offset: int) -> Mark:
    """Line and column (1-based) of ``offset`` in ``text``."""
    if isinstance(text, str):
        line_start = text.rfind("\n", 0, offset) + 1
        return Mark(text.count("\n", 0, offset) + 1, offset - line_start + 1)
    line_start = text.rfind(b"\n", 0, offset) + 1
    return Mark(text.count(b"\n", 0, offset) + 1, offset - line_start + 1)


def _fail(file: str, mark: Mark, message: str) -> ModelError:
    return ModelError([Diagnostic(Location(file, mark.line, mark.col), message)])


def decode(raw: bytes, file: str) -> str:
    """Bytes to text, with a located error for binary or non-UTF-8 input."""
    if len(raw) > MAX_BYTES:
        raise _fail(file, Mark(1, 1), f"file is larger than {MAX_BYTES:,} bytes, the limit")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _fail(
            file,
            _position(raw, exc.start),
            f"file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
        ) from None
    if "\x00" in text:
        raise _fail(file, _position(text, text.index("\x00")),
                    "file contains a NUL byte; it looks like a binary file")
    return text


class _Frame:
    __slots__ = ("value", "path", "anchor", "size", "pending_key", "key_marks", "merged",
                 "merge")

    def __init__(self, value: Any, path: Path, anchor: str | None):
        self.value = value
        self.path = path
        self.anchor = anchor
        self.size = 1
        self.pending_key: tuple[str, Mark] | None = None
        self.key_marks: dict[str, Mark] = {}
        self.merged: set[str] = set()  # keys taken from a merge key (``<<``): a key may override
        self.merge = False  # this container is the value of a merge key


def load_yaml(text: str, file: str, *, functions: frozenset[str] = frozenset()
              ) -> tuple[Any, SourceMap]:
    """Parse one YAML document into data plus its :class:`SourceMap`. Raises ModelError.

    ``functions``: short-form tags read as the mapping they abbreviate, as CloudFormation
    reads them (``!Ref X`` is ``{Ref: X}``, ``!Sub s`` is ``{Fn::Sub: s}``, ``!GetAtt A.B`` is
    ``{Fn::GetAtt: [A, B]}``); any other tag is still refused."""
    try:
        return _load(text, file, _PARSER, functions)
    except _SyntaxError:
        # libyaml found a syntax error: the pure-Python parser says the same with a clearer
        # message and the same position.
        return _load(text, file, yaml.SafeLoader, functions)


def _function_name(tag: str) -> str:
    name = tag[1:]
    return name if name in ("Ref", "Condition") else f"Fn::{name}"


class _SyntaxError(Exception):
    pass


def _load(text: str, file: str, parser: type, functions: frozenset[str] = frozenset()
          ) -> tuple[Any, SourceMap]:
    smap = SourceMap(file)
    position = _Positions(text)
    helper = yaml.SafeLoader("")  # its resolver and constructor turn plain scalars into values
    anchors: dict[str, tuple[Any, int]] = {}
    stack: list[_Frame] = []
    root: Any = None
    have_root = False
    documents = 0
    total = 0
    diagnostics: list[Diagnostic] = []

    def place(value: Any, mark: Mark, size: int, container: bool) -> Path | None:
        """Attach a finished scalar (or open container) to its parent; returns its path."""
        nonlocal root, have_root, total
        total += size
        if total > MAX_NODES:
            raise _fail(file, mark, f"document expands to more than {MAX_NODES:,} nodes "
                                    "(too large, or an alias bomb)")
        if not stack:
            root, have_root = value, True
            smap.values[()] = mark
            return ()
        parent = stack[-1]
        parent.size += size
        if isinstance(parent.value, list):
            path = parent.path + (len(parent.value),)
            parent.value.append(value)
            smap.values.setdefault(path, mark)
            return path
        if parent.pending_key is None:
            # This node is a key.
            if container:
                raise _fail(file, mark, "a mapping key must be a plain value, not a list or "
                                        "mapping")
            key = value
            if key in parent.merged:  # written out beside a merge key: it wins, as YAML says
                parent.merged.discard(key)
                del parent.key_marks[key]
            if key in parent.key_marks:
                first = parent.key_marks[key]
                what = "resource id" if parent.path == ("resources",) else "key"
                diagnostics.append(Diagnostic(Location(file, mark.line, mark.col),
                                              f"duplicate {what} '{shown(key)}' (first "
                                              f"defined at line {first.line})"))
            parent.pending_key = (key, mark)
            return None
        key, key_mark = parent.pending_key
        parent.pending_key = None
        path = parent.path + (key,)
        if key == MERGE_KEY and isinstance(parent.value, dict):
            # not a key of its own: merged by the alias below, or when its mapping ends
            parent.key_marks.setdefault(key, key_mark)
            return path
        if key not in parent.key_marks:
            parent.key_marks[key] = key_mark
            parent.value[key] = value
            smap.values[path] = mark
            smap.keys[path] = key_mark
        return path

    def merge(frame: _Frame, value: Any, mark: Mark) -> None:
        """YAML's merge key: the keys of a mapping (or of each of a list of mappings, the
        first winning) join the mapping that holds ``<<``, unless written there too."""
        sources = value if isinstance(value, list) else [value]
        if not sources or not all(isinstance(s, dict) for s in sources):
            diagnostics.append(Diagnostic(Location(file, mark.line, mark.col),
                                          "a merge key (<<) takes a mapping (*anchor) or a "
                                          "list of mappings"))
            return
        for source in sources:
            for key, item in source.items():
                if key in frame.key_marks:
                    continue
                frame.key_marks[key] = mark
                frame.merged.add(key)
                frame.value[key] = item
                smap.values.setdefault(frame.path + (key,), mark)
                smap.keys.setdefault(frame.path + (key,), mark)

    def check_tag(tag: str | None, mark: Mark) -> None:
        if tag is not None and tag not in _PLAIN_TAGS and tag not in functions:
            tag = tag.replace("tag:yaml.org,2002:", "!!")
            raise _fail(file, mark, f"YAML tag '{shown(tag)}' is not allowed; archdoc reads "
                                    "plain YAML (no tags, nothing is ever executed)")

    try:
        for event in yaml.parse(text, Loader=parser):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _fail(file, position(event.start_mark),
                                "more than one YAML document; put the whole model in one")
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                mark = position(event.start_mark)
                check_tag(event.tag, mark)
                if len(stack) >= MAX_DEPTH:
                    raise _fail(file, mark, f"nesting deeper than {MAX_DEPTH} levels")
                value: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                if event.tag in functions:  # ``!Join [...]``: the list is the function's value
                    name = _function_name(event.tag)
                    path = place({name: value}, mark, 0, True)
                    path = None if path is None else path + (name,)
                    if path is not None:
                        smap.values[path] = mark
                else:
                    path = place(value, mark, 0, True)  # refuses a list or mapping as a key
                stack.append(_Frame(value, path if path is not None else (), event.anchor))
                stack[-1].merge = path is not None and bool(path) and path[-1] == MERGE_KEY \
                    and len(stack) > 1 and isinstance(stack[-2].value, dict)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = stack.pop()
                if frame.anchor:
                    anchors[frame.anchor] = (frame.value, frame.size)
                if stack:
                    stack[-1].size += frame.size
                if frame.merge:
                    merge(stack[-1], frame.value, stack[-1].key_marks[MERGE_KEY])
            elif isinstance(event, yaml.ScalarEvent):
                mark = position(event.start_mark)
                check_tag(event.tag, mark)
                is_key = bool(stack) and isinstance(stack[-1].value, dict) and \
                    stack[-1].pending_key is None
                if is_key:
                    value = event.value  # keys are names: keep the text as written
                elif event.tag in functions:
                    name = _function_name(event.tag)
                    value = {name: event.value.split(".", 1) if name == "Fn::GetAtt"
                             else event.value}
                else:
                    value, problem = _scalar(helper, event)
                    if problem:
                        diagnostics.append(Diagnostic(Location(file, mark.line, mark.col), problem))
                if isinstance(value, str):
                    problem = _text_problem(value)
                    if problem:
                        diagnostics.append(Diagnostic(Location(file, mark.line, mark.col), problem))
                        value = value if is_key else ""
                path = place(value, mark, 1, False)
                if path and path[-1] == MERGE_KEY and isinstance(stack[-1].value, dict):
                    merge(stack[-1], value, stack[-1].key_marks[MERGE_KEY])  # says it is wrong
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
            elif isinstance(event, yaml.AliasEvent):
                mark = position(event.start_mark)
                if event.anchor not in anchors:
                    raise _fail(file, mark, f"alias '*{shown(event.anchor)}' refers to no anchor "
                                            "above it")
                value, size = anchors[event.anchor]
                path = place(value, mark, size, isinstance(value, (dict, list)))
                if path and path[-1] == MERGE_KEY and isinstance(stack[-1].value, dict):
                    merge(stack[-1], value, stack[-1].key_marks[MERGE_KEY])
    except yaml.YAMLError as exc:
        if parser is not yaml.SafeLoader:
            raise _SyntaxError from None
        return _raise_syntax_error(exc, text, file, position)
    smap.problems.extend(diagnostics)
    if not have_root:
        root = None
        smap.values[()] = Mark(1, 1)
    return root, smap


def _raise_syntax_error(exc: yaml.YAMLError, text: str, file: str,
                        position: _Positions) -> NoReturn:
    if isinstance(exc, yaml.MarkedYAMLError):
        problem_mark = exc.problem_mark or exc.context_mark
        mark = position(problem_mark) if problem_mark else Mark(1, 1)
        raise _fail(file, mark, _yaml_message(exc)) from None
    # ReaderError: a character YAML does not allow
    offset = getattr(exc, "position", 0) or 0
    reason = getattr(exc, "reason", "unreadable input")
    raise _fail(file, _position(text, offset), f"invalid character in YAML: {shown(reason)}") \
        from None
