"""The TOML side of lesson files: where a key sits in the text, and writing a lesson back.

``tomllib`` (the standard library) reads a lesson file but forgets where each value was, and
a teacher needs "line 41: …" to fix a file. ``key_lines`` scans the text once and maps every
table and key to the line it is on, as the path the parsed data has (``("stops", 2, "state",
"learning_rate")`` for the third stop's learning rate); ``line_of`` finds the nearest line for
any path. ``dumps`` writes a lesson's plain data (dicts, lists, strings, whole numbers, finite
floats, booleans: exactly what ``app.core.lesson_file`` produces) as TOML that ``tomllib``
reads back to the same data.
"""

from __future__ import annotations

import math
import re

Path = tuple  # a path into the parsed data: keys (str) and list positions (int)

_BARE_KEY = r"[A-Za-z0-9_-]+"
_KEY = rf"(?:{_BARE_KEY}|\"[^\"\n]*\"|'[^'\n]*')"
_DOTTED = rf"{_KEY}(?:\s*\.\s*{_KEY})*"
_HEADER = re.compile(rf"^\s*(\[\[?)\s*({_DOTTED})\s*\]\]?")
_KEY_LINE = re.compile(rf"^\s*({_DOTTED})\s*=")
_INLINE_KEY = re.compile(rf"[{{,]\s*({_KEY})\s*=")


def _split(dotted: str) -> list[str]:
    return [part.strip().strip("\"'") for part in re.findall(_KEY, dotted)]


def _code(line: str, in_multiline: str | None) -> tuple[str, str | None]:
    """A line's code: its text outside comments, each string (or the part of a multi-line
    one on this line) replaced by one ``s``; and which multi-line string (\"\"\" or ''')
    is still open at its end. One pass over the line."""
    out: list[str] = []
    i, n = 0, len(line)
    while i < n:
        if in_multiline is not None:
            end = line.find(in_multiline, i)
            out.append("s")
            if end < 0:
                return "".join(out), in_multiline
            i, in_multiline = end + 3, None
            continue
        c = line[i]
        if line.startswith('"""', i) or line.startswith("'''", i):
            in_multiline, i = line[i : i + 3], i + 3
        elif c == '"':
            i += 1
            while i < n and line[i] != '"':
                i += 2 if line[i] == "\\" else 1
            i += 1
            out.append("s")
        elif c == "'":
            end = line.find("'", i + 1)
            i = n if end < 0 else end + 1
            out.append("s")
        elif c == "#":
            break
        else:
            out.append(c)
            i += 1
    return "".join(out), in_multiline


def _depth_change(line: str, in_multiline: str | None) -> tuple[int, int, str | None]:
    """How much a line opens ``[`` / ``{`` (outside strings and comments), the most it had
    open at one point, and which multi-line string (\"\"\" or ''') is still open at its end."""
    code, in_multiline = _code(line, in_multiline)
    depth = peak = 0
    for c in code:
        depth += (c in "[{") - (c in "]}")
        peak = max(peak, depth)
    return depth, peak, in_multiline


def key_lines(text: str) -> dict[Path, int]:
    """Every table header and key of ``text`` → its line (1-based), as parsed-data paths.

    Arrays of tables count their elements (``[[stops]]`` three times gives ``("stops", 0)``,
    ``("stops", 1)``, ``("stops", 2)``); keys of one-line inline tables are found too. Lines
    inside multi-line strings and multi-line arrays are skipped. A scan, not a parser: it
    trusts ``tomllib`` to have accepted the text.
    """
    lines: dict[Path, int] = {}
    counts: dict[Path, int] = {}  # array-of-tables path → elements so far
    table: Path = ()
    depth, multiline = 0, None

    def resolve(keys: list[str]) -> Path:
        out: list = []
        for key in keys:
            out.append(key)
            if tuple(out) in counts:
                out.append(counts[tuple(out)] - 1)
        return tuple(out)

    for number, line in enumerate(text.splitlines(), start=1):
        starts_clean = depth == 0 and multiline is None
        change, _, multiline_after = _depth_change(line, multiline)
        if starts_clean:
            header = _HEADER.match(line) if line.lstrip().startswith("[") else None
            if header:
                keys = _split(header.group(2))
                if header.group(1) == "[[":
                    parent = (*resolve(keys[:-1]), keys[-1])
                    counts[parent] = counts.get(parent, 0) + 1
                    table = (*parent, counts[parent] - 1)
                else:
                    table = resolve(keys)
                lines.setdefault(table, number)
                change = 0  # the header's own brackets
            elif key := _KEY_LINE.match(line):
                path = table + tuple(_split(key.group(1)))
                for end in range(len(table) + 1, len(path) + 1):  # a.b.c = …: a and a.b too
                    lines.setdefault(path[:end], number)
                rest = line[key.end() :]
                if rest.lstrip().startswith("{"):
                    for inner in _INLINE_KEY.finditer(rest):
                        lines.setdefault((*path, inner.group(1).strip("\"'")), number)
        depth, multiline = max(0, depth + change), multiline_after
    return lines


def line_of(lines: dict[Path, int], path: Path) -> int | None:
    """The line of ``path``, or of the nearest enclosing key or table that has one."""
    path = tuple(path)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return None


def deepest_nesting(text: str) -> tuple[int, int]:
    """The deepest ``[``/``{`` nesting of values in ``text`` and the line it is reached on:
    checked before ``tomllib`` reads a file, whose recursion a deep file would exhaust.
    Table headers (``[stops.state]``, ``[[stops]]``) are not values and do not count."""
    depth = deepest = 0
    deepest_line, multiline = 1, None
    for number, line in enumerate(text.splitlines(), start=1):
        if depth == 0 and multiline is None and _HEADER.match(line):
            continue
        change, peak, multiline = _depth_change(line, multiline)
        if depth + peak > deepest:
            deepest, deepest_line = depth + peak, number
        depth = max(0, depth + change)
    return deepest, deepest_line


#: What ends a dotted key in a line's code: anything but a key's own characters, spaces and
#: dots (a string, one ``s`` in the code, is a quoted part of the key).
_NOT_KEY = re.compile(r"[^A-Za-z0-9_\-.\s]")


def longest_dotted_key(text: str) -> tuple[int, int]:
    """The most parts of one dotted key (``a.b.c`` has 3) in ``text``, outside strings and
    comments, in a header, a key or an inline table, and the line it is on: checked before
    ``tomllib`` reads a file, which takes time quadratic in a key's parts (``a.a.….a`` of
    20,000 parts, 40 KB, took 4.6 s, and ``key_lines`` 3.6 s more). One pass over the text;
    a float (``0.5``) counts as a key of 2 parts, which no limit here comes near."""
    most, most_line, multiline = 1, 1, None
    for number, line in enumerate(text.splitlines(), start=1):
        code, multiline = _code(line, multiline)
        if "." not in code:
            continue
        parts = max(chunk.count(".") + 1 for chunk in _NOT_KEY.split(code))
        if parts > most:
            most, most_line = parts, number
    return most, most_line


# -- writing -------------------------------------------------------------------------------

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b"}


def toml_string(text: str) -> str:
    """A TOML basic string on one line: quotes, backslashes and control characters escaped."""
    out = []
    for c in text:
        if c in _ESCAPES:
            out.append(_ESCAPES[c])
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append(f"\\u{ord(c):04X}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def toml_value(value) -> str:
    """One value: a string, a whole number, a finite float, a boolean or a list of them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"a lesson file holds finite numbers only, not {value!r}")
        return repr(value)  # the shortest text that reads back to the same float
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} into a lesson file")


def _key(name: str) -> str:
    return name if re.fullmatch(_BARE_KEY, name) else toml_string(name)


def _table_lines(data: dict, prefix: str) -> list[str]:
    """``data``'s plain values as ``key = value`` lines, then its sub-tables as sections
    ``[prefix.key]`` (a table of strings only, like a caption, as dotted keys instead)."""
    out, tables = [], []
    for name, value in data.items():
        if isinstance(value, dict):
            if all(isinstance(v, str) for v in value.values()):
                out += [f"{_key(name)}.{_key(k)} = {toml_value(v)}" for k, v in value.items()]
            else:
                tables.append((name, value))
        else:
            out.append(f"{_key(name)} = {toml_value(value)}")
    for name, value in tables:
        path = f"{prefix}.{_key(name)}" if prefix else _key(name)
        out += ["", f"[{path}]", *_table_lines(value, path)]
    return out


def dumps(data: dict, array_name: str = "stops") -> str:
    """``data`` (the top table, with a list of tables under ``array_name``) as TOML text.

    The top table's plain values come first, then each element of ``data[array_name]`` as a
    ``[[array_name]]`` section with its own sub-tables below it.
    """
    top = {k: v for k, v in data.items() if k != array_name}
    out = _table_lines(top, "")
    for element in data.get(array_name, []):
        out += ["", f"[[{array_name}]]", *_table_lines(element, array_name)]
    return "\n".join(out).lstrip("\n") + "\n"


def lesson_data(lesson, format_version: int) -> dict:
    """A ``Lesson`` (``app.core.lesson_file``) as the plain data its TOML holds: what
    ``tomllib`` reads back. Empty texts, None and "" are left out (they are the defaults)."""

    def text(t) -> dict:
        return {k: v for k, v in (("en", t.en), ("zh_TW", t.zh_TW)) if v}

    def fields(obj, skip=()) -> dict:
        out = {}
        for name, value in obj.__dict__.items():
            if name in skip or value is None or value == "":
                continue
            out[name] = list(value) if isinstance(value, tuple) else value
        return out

    stops = []
    for stop in lesson.stops:
        state = fields(stop.state, skip=("plane",))
        if stop.state.plane is not None:
            state["plane"] = fields(stop.state.plane)
        out = {"scene": stop.scene, "hidden": list(stop.hidden), "locked": list(stop.locked)}
        if stop.substep != 1:
            out["substep"] = stop.substep
        out |= {"caption": text(stop.caption), "state": state}
        if stop.question is not None:
            out["question"] = fields(stop.question, skip=("text",))
            out["question"]["text"] = text(stop.question.text)
        stops.append(out)
    return {"format": format_version, "title": text(lesson.title), "stops": stops}
