"""The desktop layout on a real 1280×720 screen with a window manager (Xvfb + openbox), in
English and 繁體中文: every tab of the plots and of the views shown in turn, every tab title
whole and in sight (no tab bar that scrolls), nothing clipped, the window on the screen.

``scripts/desktop_screenshots.py`` opens the app's own window there and prints one JSON
object a tab; its screenshots stay in ``build/desktop-screens/`` (not committed).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.test_stage_on_screen import on_screen

ROOT = Path(__file__).resolve().parents[1]
ARTEFACTS = ROOT / "build" / "desktop-screens"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (shutil.which("Xvfb") and shutil.which("openbox")),
        reason="needs Xvfb and openbox (Debian: xvfb openbox; .ci/run installs them)",
    ),
]


@pytest.fixture(scope="module")
def measured() -> list[dict]:
    return on_screen("desktop_screenshots.py", ARTEFACTS, ["--sizes", "1280x720"])[0]


def test_at_1280_by_720_every_tab_title_is_whole_and_nothing_scrolls_or_is_clipped(measured):
    assert {tab["language"] for tab in measured} == {"en", "zh_TW"}
    assert len(measured) == 2 * 9  # five plots and four views, in each language
    problems = []
    for tab in measured:
        where = f"{tab['language']} {tab['tab']}"
        (sx, sy, sw, sh), (x, y, w, h) = tab["screen"], tab["window"]
        if x < sx or y < sy or x + w > sx + sw or y + h > sy + sh:
            problems.append(f"{where}: the window {w}x{h}+{x}+{y} is not within the screen")
        problems += [f"{where}: {what}" for what in tab["tabs"] + tab["clipped"]]
    assert problems == [], "\n".join(problems)
