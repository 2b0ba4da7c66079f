"""The truth about the classroom stage: the real window on a virtual projector with a real
window manager, every scene, in English and in 繁體中文.

Offscreen Qt has no window manager: a window may grow past the screen there and every other
test still passes (a full-screen window 1,269 px wide on a 1024×768 screen did). Here
``scripts/stage_screenshots.py`` starts Xvfb at the projector's size and openbox, opens the
app's own main window, trains, presses F5, visits every scene and measures each (one JSON
object a scene). Its screenshots are kept as test artefacts in ``build/stage-screens/`` (not
committed): look at them before calling a layout done.

At 1280×720 every threshold of the classroom issue holds; at 1024×768 (older projectors) the
stage fits: nothing outside the screen, nothing clipped, no overlapping labels, no text under
20 px.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTEFACTS = ROOT / "build" / "stage-screens"
SIZES = ("1280x720", "1024x768")
LANGUAGES = ("en", "zh_TW")

SMALLEST_TEXT_PX = 20
NUMBERS_PX = 40
#: Where a scene's numbers do not fit across a 1024×768 screen at 40 px they shrink to this.
NUMBERS_FLOOR_PX = 28
DIGIT_PX = 200
CONFIDENCE_PX = 32
GRAPH_LABEL_PX = 24
PICTURE_SHARE = 0.55

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (shutil.which("Xvfb") and shutil.which("openbox")),
        reason="needs Xvfb and openbox (Debian: xvfb openbox; .ci/run installs them)",
    ),
]


@pytest.fixture(scope="module")
def measured() -> dict[str, list[dict]]:
    """Every scene measured on each screen size (both languages), by size."""
    options = ["--languages", ",".join(LANGUAGES), "--json"]
    return {
        size: on_screen("stage_screenshots.py", ARTEFACTS, ["--sizes", size, *options])[0]
        for size in SIZES
    }


@pytest.fixture(scope="module")
def walked() -> list[dict]:
    """Every stop of every shipped lesson, walked by the keyboard alone at 1280×720 (both
    languages): each stop measured, and again with its question's answer shown."""
    options = ["--sizes", "1280x720", "--languages", ",".join(LANGUAGES), "--json", "--lessons"]
    objects, stderr = on_screen("stage_screenshots.py", ARTEFACTS, options)
    assert "cannot be reached" not in stderr, stderr[-3000:]
    return objects


def on_screen(script: str, out: Path, options: list[str]) -> tuple[list[dict], str]:
    """Run ``scripts/<script>`` (it starts its own Xvfb and openbox) with ``options``,
    screenshots to ``out``; the JSON objects it printed, and its stderr."""
    out.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), str(out), *options],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return [json.loads(line) for line in run.stdout.splitlines() if line[:1] == "{"], run.stderr


def scenes_of(measured, size: str) -> list[dict]:
    scenes = measured[size]
    names = {(scene["language"], scene["scene"]) for scene in scenes}
    expected_scenes = {"network", "draw", "numbers", "step", "nudges", "loss", "landscape"}
    expected_scenes |= {"lesson", "points", "health"}
    assert {name for _language, name in names} >= expected_scenes
    assert {language for language, _name in names} == set(LANGUAGES)
    return scenes


def fitting_problems(scene: dict) -> list[str]:
    """What breaks on any screen: outside it, clipped, overlapping, too small to read."""
    where = f"{scene['language']} {scene['scene']}"
    problems = []
    (sx, sy, sw, sh), (x, y, w, h) = scene["screen"], scene["window"]
    if x < sx or y < sy or x + w > sx + sw or y + h > sy + sh:
        problems.append(f"{where}: the window {w}x{h}+{x}+{y} is not within the screen {sw}x{sh}")
    problems += [f"{where}: clipped {what}" for what in scene["clipped"]]
    problems += [f"{where}: {what}" for what in scene.get("graph_label_problems", [])]
    if scene["smallest_px"] < SMALLEST_TEXT_PX:
        problems.append(f"{where}: {scene['smallest']} at {scene['smallest_px']} px")
    if scene.get("numbers_px", NUMBERS_FLOOR_PX) < NUMBERS_FLOOR_PX:
        problems.append(f"{where}: the numbers at {scene['numbers_px']} px")
    return problems


def legibility_problems(scene: dict) -> list[str]:
    """The classroom's sizes at 1280×720."""
    where = f"{scene['language']} {scene['scene']}"
    problems = []
    for key, least in (
        ("numbers_px", NUMBERS_PX),
        ("digit_px", DIGIT_PX),
        ("confidence_px", CONFIDENCE_PX),
        ("graph_label_px", GRAPH_LABEL_PX),
    ):
        if scene.get(key, least) < least:
            problems.append(f"{where}: {key} {scene[key]} < {least}")
    if scene["picture_share"] < PICTURE_SHARE:
        problems.append(f"{where}: the picture covers {scene['picture_share']:.0%}")
    return problems


@pytest.mark.parametrize("size", SIZES)
def test_every_scene_fits_the_screen_and_no_text_is_clipped_small_or_overlapping(measured, size):
    problems = [p for scene in scenes_of(measured, size) for p in fitting_problems(scene)]
    assert problems == [], "\n".join(problems)


def test_at_1280_by_720_every_scene_is_legible_from_the_back_of_the_room(measured):
    scenes = scenes_of(measured, "1280x720")
    problems = [p for scene in scenes for p in legibility_problems(scene)]
    assert problems == [], "\n".join(problems)
    # What the teacher at the back reads, where each is shown.
    assert {s["scene"] for s in scenes if "digit_px" in s} == {"network"}
    assert {s["scene"] for s in scenes if "numbers_px" in s} >= {"numbers", "landscape"}


def test_the_checks_see_a_window_past_the_screen_and_a_small_text():
    scene = {
        "language": "en",
        "scene": "network",
        "screen": [0, 0, 1024, 768],
        "window": [0, 0, 1269, 768],
        "clipped": [],
        "smallest_px": 12,
        "smallest": "label 'x'",
        "picture_share": 0.4,
        "digit_px": 150,
    }
    problems = fitting_problems(scene) + legibility_problems(scene)
    assert len(problems) == 4, problems


def test_a_lesson_walked_by_the_clicker_shows_every_stop_and_every_answer(walked):
    from app.core.lesson_file import load_lesson, shipped_lessons

    for language in LANGUAGES:
        seen = {scene["scene"] for scene in walked if scene["language"] == language}
        for name, path in shipped_lessons().items():
            lesson = load_lesson(path)
            for number, stop in enumerate(lesson.stops, start=1):
                assert f"lesson:{name}:{number}" in seen, (language, name, number)
                answered = f"lesson:{name}:{number}:answer" in seen
                assert answered == (stop.question is not None), (language, name, number)


def test_every_lesson_stop_fits_the_screen_with_nothing_clipped_small_or_overlapping(walked):
    problems = [p for scene in walked for p in fitting_problems(scene)]
    assert problems == [], "\n".join(problems)


def test_every_lesson_stop_is_legible_from_the_back_of_the_room(walked):
    """The classroom's sizes hold under a lesson's strip too, its answer shown or not."""
    problems = [p for scene in walked for p in legibility_problems(scene)]
    assert problems == [], "\n".join(problems)
