"""Reading content TOML files and checking their keys, with problems reported by file and field."""
import tomllib
from pathlib import Path

from lms.curriculum.content import Problem


class Report:
    """Collects problems with paths shown relative to the content root."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []

    def add(self, path: Path, field: str, message: str) -> None:
        try:
            shown = str(path.relative_to(self.root.parent))
        except ValueError:
            shown = str(path)
        self.problems.append(Problem(shown, field, message))


def read_toml(path: Path, report: Report) -> dict | None:
    if not path.is_file():
        report.add(path, "-", "file is missing")
        return None
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        report.add(path, "-", f"is not valid TOML: {error}")
        return None


def check_keys(data: dict, path: Path, required: dict, optional: dict, report: Report) -> bool:
    """Report unknown, missing and mistyped keys; False when the values cannot be checked further."""
    ok = True
    for key in sorted(set(data) - set(required) - set(optional)):
        report.add(path, key, f"unknown key (expected one of: {', '.join(sorted({**required, **optional}))})")
    for key, kind in required.items():
        if key not in data:
            report.add(path, key, "is missing")
            ok = False
        elif _wrong_kind(data[key], kind):
            report.add(path, key, f"expected {kind_name(kind)}, found {type(data[key]).__name__}")
            ok = False
    for key, kind in optional.items():
        if key in data and _wrong_kind(data[key], kind):
            report.add(path, key, f"expected {kind_name(kind)}, found {type(data[key]).__name__}")
            ok = False
    return ok


def _wrong_kind(value, kind) -> bool:
    """True when the value is not of the kind (TOML's true/false is only a match for bool, never a number)."""
    return not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool)


def kind_name(kind) -> str:
    names = {str: "text", list: "a list", int: "a number", float: "a number", bool: "true or false", dict: "a table"}
    return names[kind[0]] if isinstance(kind, tuple) else names[kind]
