"""Exporting a classroom scene as a picture: `backprop-lab export-scene` and File → Export
scene… (which runs the same command beside the window, from the current weights)."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

from app.errors import BackpropLabError
from app.ui.scene_export import SCENE_NAMES, check_request, parse_size
from app.ui.scene_export_action import SceneExportAction, export_command

ROOT = Path(__file__).resolve().parents[1]


def backprop_lab(*arguments: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "app", *arguments],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )


@pytest.mark.parametrize(
    ("text", "size"), [("1920x1080", (1920, 1080)), (" 1280 × 720 ", (1280, 720))]
)
def test_a_size_reads_as_width_by_height(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["1920", "axb", "20x20", "100000x100000", "1920x1080x3", ""])
def test_a_bad_size_gets_a_clear_message(text):
    with pytest.raises(BackpropLabError, match="size must"):
        parse_size(text)


def test_an_unknown_scene_or_file_type_is_named_before_anything_is_made(tmp_path):
    with pytest.raises(BackpropLabError, match="no scene 'graph'; choose one of network"):
        check_request("graph", tmp_path / "a.png")
    with pytest.raises(BackpropLabError, match=r"\.png or \.svg file, not 'a\.jpg'"):
        check_request("network", tmp_path / "a.jpg")
    assert set(SCENE_NAMES) >= {"network", "draw", "numbers", "step", "loss", "landscape"}


@pytest.mark.slow
def test_the_command_line_writes_a_png_of_the_asked_size(tmp_path):
    out = tmp_path / "slides" / "network.png"
    run = backprop_lab("export-scene", "network", "--size", "1280x720", "--out", str(out))
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""  # no Qt chatter on the teacher's terminal
    assert str(out) in run.stdout
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 720)
    # Presenter mode's look: a white page with the network drawn on it in many colours.
    pixels = image.convertToFormat(QImage.Format.Format_RGB32)
    corner = pixels.pixelColor(2, 2)
    assert (corner.red(), corner.green(), corner.blue()) == (255, 255, 255)


@pytest.mark.slow
def test_the_command_line_writes_an_svg_of_the_lessons_map_in_chinese(tmp_path):
    out = tmp_path / "lesson.svg"
    run = backprop_lab(
        "export-scene", "lesson", "--size", "1024x768", "--out", str(out), "--language", "zh_TW"
    )
    assert run.returncode == 0, run.stderr
    root = ET.parse(out).getroot()
    assert root.tag.endswith("svg")
    text = out.read_text(encoding="utf-8")
    assert "0.51" in text  # the article's new w1, in the five numbers under the map
    assert "新值" in text  # "(5) new value", in Chinese


@pytest.mark.slow
def test_the_command_line_says_what_is_wrong_in_one_line(tmp_path):
    run = backprop_lab("export-scene", "nope", "--out", str(tmp_path / "a.png"))
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        "backprop-lab export-scene: no scene 'nope'; choose one of " + ", ".join(SCENE_NAMES)
    ]
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a model")
    run = backprop_lab(
        "export-scene", "network", "--model", str(broken), "--out", str(tmp_path / "b.png")
    )
    assert run.returncode == 2
    assert "broken.npz" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "b.png").exists()


def test_the_app_runs_the_export_as_python_dash_m_app_and_a_bundle_as_itself(monkeypatch):
    program, arguments = export_command(["export-scene", "network"])
    assert (program, arguments) == (sys.executable, ["-m", "app", "export-scene", "network"])
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert export_command(["export-scene"]) == (sys.executable, ["export-scene"])


@pytest.mark.slow
def test_the_menus_export_renders_the_current_weights_beside_the_window(
    qtbot, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox, QWidget

    from app.core.network import Network

    class Host:
        def __init__(self) -> None:
            self.messages: list[str] = []

        def current_snapshot(self):
            return None

        def status(self, text: str, timeout_ms: int = 6000) -> None:
            self.messages.append(text)

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    parent = QWidget()
    qtbot.addWidget(parent)
    host = Host()
    action = SceneExportAction(host, parent)
    network = Network(seed=3)
    before = network.params.copy()
    out = tmp_path / "numbers.png"
    action.export("numbers", (1024, 768), str(out), network)
    assert action.busy()
    qtbot.wait_until(lambda: warnings or host.messages[-1].endswith(str(out)), timeout=120_000)
    assert warnings == []
    assert QImage(str(out)).width() == 1024
    assert np.array_equal(network.params, before)  # the class's weights are only read

    action.export("network", (1024, 768), str(tmp_path / "no" / "such" / "x.gif"), network)
    qtbot.wait_until(lambda: bool(warnings), timeout=120_000)
    assert "png or .svg" in warnings[0]  # the command's own reason, shown to the teacher
