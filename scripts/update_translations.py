"""Bring the translations up to date with the code: lupdate into the .ts, lrelease to the .qm.

    python scripts/update_translations.py          # both steps
    python scripts/update_translations.py --check  # only say whether the .ts is complete

Step 1 (pyside6-lupdate) reads every module in app/ that calls ``tr``, ``translate`` or
``QT_TRANSLATE_NOOP`` and merges its texts into app/resources/translations/backprop_lab_zh_TW.ts:
translations already there are kept, new texts arrive as "unfinished", texts no longer in the
code are dropped. Translate the unfinished ones (a text editor will do, or pyside6-linguist),
remove ``type="unfinished"``, then run this again: step 2 (pyside6-lrelease) compiles the .ts
into the .qm the app loads. tests/test_translations.py fails until both are done.

The tools come with PySide6 and are found next to this Python (``sys.executable``).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "app" / "resources" / "translations"
LANGUAGES = ("zh_TW",)
CATALOG = "backprop_lab"
_TRANSLATABLE = re.compile(r"\b(tr|translate|QT_TR_NOOP|QT_TRANSLATE_NOOP)\(")


def tool(name: str) -> str:
    """``pyside6-lupdate`` or ``pyside6-lrelease``: beside this Python, else on the PATH."""
    for folder in (Path(sys.executable).parent, Path(sys.executable).resolve().parent):
        for candidate in (folder / name, folder / f"{name}.exe"):
            if candidate.exists():
                return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: it comes with PySide6 (pip install -e '.[test]')")
    return found


def sources() -> list[Path]:
    """Every module of the app with a text for translation."""
    return sorted(
        path
        for path in (ROOT / "app").rglob("*.py")
        if _TRANSLATABLE.search(path.read_text(encoding="utf-8"))
    )


def ts_file(language: str) -> Path:
    return TRANSLATIONS / f"{CATALOG}_{language}.ts"


def qm_file(language: str) -> Path:
    return TRANSLATIONS / f"{CATALOG}_{language}.qm"


def lupdate(ts: Path, language: str) -> None:
    """Merge the code's texts into ``ts`` (created if missing), keeping its translations."""
    ts.parent.mkdir(parents=True, exist_ok=True)
    command = [tool("pyside6-lupdate"), *map(str, sources())]
    command += ["-ts", str(ts), "-target-language", language, "-no-obsolete"]
    command += ["-locations", "relative", "-silent"]
    subprocess.run(command, check=True, cwd=ROOT)


def lrelease(ts: Path, qm: Path) -> None:
    command = [tool("pyside6-lrelease"), str(ts), "-qm", str(qm), "-silent"]
    subprocess.run(command, check=True, cwd=ROOT)


def unfinished(ts: Path) -> list[str]:
    """The sources in ``ts`` with no finished translation."""
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            texts = [translation.text or ""]
            if message.get("numerus") == "yes":
                texts = [form.text or "" for form in translation.iter("numerusform")] or [""]
            if translation.get("type") is not None or not all(t.strip() for t in texts):
                missing.append(f"{context.findtext('name')}: {message.findtext('source')}")
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only list unfinished texts")
    args = parser.parse_args(argv)
    status = 0
    for language in LANGUAGES:
        ts, qm = ts_file(language), qm_file(language)
        if not args.check:
            lupdate(ts, language)
            lrelease(ts, qm)
        missing = unfinished(ts)
        for text in missing:
            print(f"unfinished ({language}): {text}")
        if missing:
            status = 1
        print(f"{ts.relative_to(ROOT)}: {len(missing)} unfinished")
    return status


if __name__ == "__main__":
    sys.exit(main())
