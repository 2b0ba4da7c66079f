"""Every visible text in English and Traditional Chinese (繁體中文), switched while running.

The catalogue is app/resources/translations/backprop_lab_zh_TW.ts; scripts/update_translations.py
brings it up to date with the code and compiles the shipped .qm. These tests fail when a text
in the code is missing from the .ts or untranslated there, when the .qm is older than the .ts,
or when the window, switched to 繁體中文 from View → Language, still shows English anywhere.
"""

from __future__ import annotations

import html
import importlib.util
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QLocale, QPointF, QSettings, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QGraphicsScene,
    QGraphicsTextItem,
    QGraphicsView,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from app.core.landscape import pca_plane
from app.core.lesson_preset import LessonPreset
from app.ui import i18n
from app.ui.lazy_page import LazyPage

ROOT = Path(__file__).resolve().parents[1]
TS = i18n.ts_path("zh_TW")
QM = i18n.qm_path("zh_TW")

#: Latin words a Chinese screen may show: names and symbols a Taiwanese textbook keeps in
#: Latin letters (the data set, file formats, function and optimizer names, math notation,
#: an author's name, keys). Any other run of two or more Latin letters is English left over.
ALLOWED_LATIN = {
    "PageDown",  # keys, named as printed on the keyboard and the clicker
    "PageUp",
    "Enter",
    "MNIST",  # the data set
    "IDX",  # MNIST's file format
    "PNG",  # export formats
    "SVG",
    "MB",  # megabytes
    "PCA",  # principal component analysis, named so in the literature
    "Li",  # Li et al. (2018), the random-directions plane
    "Adam",  # optimizer
    "sigmoid",  # activation and output functions
    "ReLU",
    "tanh",
    "softmax",
    "log",  # log₁₀ on the colour bar
    "Esc",  # keys
    "Ctrl",
    "Alt",
}
LATIN_RUN = re.compile(r"[A-Za-z]{2,}")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
#: Chinese an English screen may show: the app's own name in its title.
ALLOWED_CJK_TEXTS = {"Backprop Lab · 反向傳播實驗室"}
_PLACEHOLDER = re.compile(r"%n|%\d|\{[a-z0-9_]*\}|<[^>]+>")


def load_script():
    path = ROOT / "scripts" / "update_translations.py"
    spec = importlib.util.spec_from_file_location("update_translations", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def messages(ts: Path) -> dict[tuple[str, str, str], ET.Element]:
    """(context, source, comment) → the <message> element."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            key = (name, message.findtext("source"), message.findtext("comment") or "")
            found[key] = message
    return found


def translations(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


# -- the catalogue -----------------------------------------------------------------------------


def test_every_text_has_a_finished_translation():
    missing = load_script().unfinished(TS)
    assert not missing, "untranslated in the .ts:\n" + "\n".join(missing)


def test_translations_keep_every_placeholder_and_tag():
    for (context, source, _), message in messages(TS).items():
        expected = sorted(_PLACEHOLDER.findall(source))
        for text in translations(message):
            assert sorted(_PLACEHOLDER.findall(text)) == expected, f"{context}: {source!r}"
            assert text.count("&") == source.count("&"), f"mnemonic lost: {context}: {source!r}"


def test_the_ts_has_every_text_the_code_has(tmp_path):
    """lupdate into a new file: its texts must be exactly the ones in the kept .ts."""
    script = load_script()
    fresh = tmp_path / "fresh.ts"
    command = [script.tool("pyside6-lupdate"), *map(str, script.sources()), "-ts", str(fresh)]
    subprocess.run([*command, "-silent"], check=True, cwd=ROOT, timeout=60)
    in_code, in_ts = set(messages(fresh)), set(messages(TS))
    hint = "run: python scripts/update_translations.py, then translate what is new"
    assert not in_code - in_ts, f"not in the .ts ({hint}):\n{sorted(in_code - in_ts)}"
    assert not in_ts - in_code, f"no longer in the code ({hint}):\n{sorted(in_ts - in_code)}"


def test_the_shipped_qm_is_compiled_from_the_ts():
    translator = QTranslator()
    assert translator.load(str(QM)), f"cannot load {QM}"
    for (context, source, comment), message in messages(TS).items():
        expected = translations(message)[0]
        n = 1 if message.get("numerus") == "yes" else -1
        got = translator.translate(context, source, comment or None, n)
        assert got == expected, (
            f"{context}: {source!r} is {got!r} in the .qm, {expected!r} in the .ts: "
            "run python scripts/update_translations.py"
        )


# -- choosing the language ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("zh_TW", "zh_TW"),
        ("zh_HK", "zh_TW"),
        ("zh_MO", "zh_TW"),
        ("zh_Hant_SG", "zh_TW"),
        ("zh-Hant-CN", "zh_TW"),
        ("zh_CN", "en"),  # Simplified Chinese: English, see language_for_locale
        ("zh_SG", "en"),
        ("zh_Hans_HK", "en"),
        ("zh", "en"),
        ("en_US", "en"),
        ("de_DE", "en"),
        ("C", "en"),
    ],
)
def test_language_for_locale(name, language):
    assert i18n.language_for_locale(QLocale(name)) == language


def test_the_saved_choice_overrides_the_system_locale(tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert i18n.startup_language(settings, QLocale("zh_TW")) == "zh_TW"
    assert i18n.startup_language(settings, QLocale("en_GB")) == "en"
    settings.setValue("language", "en")
    assert i18n.startup_language(settings, QLocale("zh_TW")) == "en"
    settings.setValue("language", "zh_TW")
    assert i18n.startup_language(settings, QLocale("fr_FR")) == "zh_TW"
    settings.setValue("language", "klingon")  # an edited settings file: the locale decides
    assert i18n.startup_language(settings, QLocale("fr_FR")) == "en"


def test_both_languages_are_available():
    assert i18n.available_languages() == {"en": "English", "zh_TW": "繁體中文"}


# -- the window, switched while running --------------------------------------------------------


@pytest.fixture
def english_after(qapp):
    yield
    i18n.install_language("en", qapp)
    qapp.processEvents()


def _plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def visible_texts(window) -> list[tuple[str, str]]:
    """(where, text) for every text the window can show: widgets, menus, plots."""
    found: list[tuple[str, str]] = []

    def add(where, *texts):
        found.extend((where, _plain(t)) for t in texts if t and t.strip())

    language_actions = set(window.menus.language_actions.values())
    for widget in [window, *window.findChildren(QWidget)]:
        where = f"{type(widget).__name__} {widget.objectName()}".strip()
        add(where, widget.windowTitle(), widget.toolTip(), widget.statusTip())
        add(where, widget.whatsThis(), widget.accessibleName(), widget.accessibleDescription())
        if isinstance(widget, QLabel | QAbstractButton):
            add(where, widget.text())
        if isinstance(widget, QGroupBox):
            add(where, widget.title())
        if isinstance(widget, QComboBox):
            add(where, *(widget.itemText(i) for i in range(widget.count())))
        if isinstance(widget, QAbstractSpinBox):
            add(where, widget.specialValueText())
            if hasattr(widget, "suffix"):
                add(where, widget.prefix(), widget.suffix())
        if isinstance(widget, QLineEdit):
            add(where, widget.placeholderText())
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add(where, widget.tabText(i), widget.tabToolTip(i))
        if isinstance(widget, QTableWidget):
            headers = [widget.verticalHeaderItem(r) for r in range(widget.rowCount())]
            headers += [widget.horizontalHeaderItem(c) for c in range(widget.columnCount())]
            for item in filter(None, headers):
                add(where, item.text(), item.toolTip())
        if isinstance(widget, QMenu):
            add(where, widget.title())
        if isinstance(widget, QGraphicsView) and widget.scene() is not None:
            for item in widget.scene().items():
                if isinstance(item, QGraphicsTextItem):
                    add(f"{where} text item", item.toPlainText())
                if isinstance(item, pg.TextItem):
                    add(f"{where} TextItem", item.toPlainText())
                if isinstance(item, pg.LabelItem):
                    add(f"{where} LabelItem", item.text)
                if isinstance(item, pg.AxisItem):
                    add(f"{where} AxisItem", item.labelText, item.labelUnits)
                if isinstance(item, pg.LegendItem):
                    add(f"{where} LegendItem", *(label.text for _, label in item.items))
    for action in window.findChildren(QAction):
        if action in language_actions:
            continue  # each language is named in its own language, never translated
        if isinstance(action.parent(), QGraphicsScene):
            continue  # pyqtgraph's own right-click menus (its texts, not the app's)
        add("QAction", action.text(), action.toolTip(), action.statusTip(), action.iconText())
    return found


def english_left(window) -> list[tuple[str, str]]:
    return [
        (where, text)
        for where, text in visible_texts(window)
        if any(word not in ALLOWED_LATIN for word in LATIN_RUN.findall(text))
    ]


def chinese_left(window) -> list[tuple[str, str]]:
    texts = visible_texts(window)
    return [(w, t) for w, t in texts if CJK.search(t) and t not in ALLOWED_CJK_TEXTS]


def switch(qtbot, window, language: str) -> None:
    window.menus.language_actions[language].trigger()
    qtbot.wait(50)  # the LanguageChange events, then the window's follow-up


def hover_everything(qtbot, window) -> list[tuple[str, str]]:
    """What the hover card says over a hidden neuron, an input pixel, an output and an edge."""
    graph, left = window.graph, []
    for target in (("node", 1, 3), ("node", 0, 300), ("node", 3, 7), ("edge", 1, 5)):
        graph._set_hover(target, QPointF(100, 100))
        left += [(f"hover {target}", t) for t in [graph.hover_card.text.text()]]
        if graph.hover_card.inset_visible:
            left.append((f"hover {target}", graph.hover_card.inset_caption.text()))
    # The card stays up over the edge: a language change must rewrite it where it is.
    return [(w, _plain(t)) for w, t in left]


def landscape_result(qtbot, window, kind: str, paths: int = 1):
    view = window.landscape
    qtbot.wait_until(
        lambda: (
            view._result is not None
            and view._result.request.kind == kind
            and len(view._result.paths) == paths
        ),
        timeout=5000,
    )


def test_the_window_switches_to_chinese_and_back_from_the_view_menu(qtbot, window, english_after):
    english_width = window.minimumSizeHint().width()
    actions = window.menus.language_actions
    assert [a.text() for a in window.menus.language_menu.actions()] == ["English", "繁體中文"]
    assert all(a.isCheckable() for a in actions.values())
    assert actions["en"].isChecked()
    assert actions["en"].actionGroup().isExclusive()
    window.inside_pages["evaluation"].build()  # a page built before the switch, the others after

    switch(qtbot, window, "zh_TW")
    assert i18n.current_language() == "zh_TW"
    assert actions["zh_TW"].isChecked()
    assert not actions["en"].isChecked()
    assert window.settings.value("language") == "zh_TW"
    assert window.windowTitle() == "反向傳播實驗室"
    assert window.menus.file_menu.title() == "檔案(&F)"
    assert window.status_line.data.text().startswith("資料：內建 MNIST 5k")
    needed = window.minimumSizeHint()
    assert needed.width() <= 1280, f"in 繁體中文 the window needs {needed.width()} px"
    assert needed.width() <= english_width
    for page in window.findChildren(LazyPage):
        page.build()
    assert english_left(window) == []

    # Texts made from live data, in the new language: the hover card, the landscape's
    # axes, legend and caption (the lesson with three optimizers, then a random plane).
    hover = hover_everything(qtbot, window)
    assert any("神經元" in text for _, text in hover)
    assert [(w, t) for w, t in hover if english_left_in(t)] == []
    window.plots.setCurrentWidget(window.landscape)
    window.landscape.set_kind("lesson")
    window.landscape.compare.setChecked(True)
    landscape_result(qtbot, window, "lesson", paths=3)
    assert "梯度 = (-0.1, -0.2)；負梯度 = (0.1, 0.2)" in window.landscape.caption.text()
    assert english_left(window) == []
    window.landscape.resolution.setValue(11)
    window.landscape.sample_size.setValue(100)
    window.landscape.set_kind("random")
    landscape_result(qtbot, window, "random")
    assert window.landscape.plot.getAxis("bottom").labelText == "方向 1"
    assert english_left(window) == []

    switch(qtbot, window, "en")
    assert i18n.current_language() == "en"
    assert window.settings.value("language") == "en"
    assert window.menus.file_menu.title() == "&File"
    assert window.controls.play_button.text() == "Play"
    assert window.status_line.data.text().startswith("Data: bundled MNIST 5k")
    assert window.loss_plot.loss_plot.titleLabel.text == "Loss (lower is better)"
    assert window.landscape.plot.getAxis("bottom").labelText == "direction 1"
    assert chinese_left(window) == []
    assert [t for t in hover_everything(qtbot, window) if CJK.search(t[1])] == []


def english_left_in(text: str) -> list[str]:
    return [word for word in LATIN_RUN.findall(text) if word not in ALLOWED_LATIN]


def test_the_landscape_names_its_axes_and_steps_in_the_current_language(
    qtbot, window, english_after
):
    view = window.landscape
    step = LessonPreset().step(np.array(LessonPreset().start), 0.1)
    # English: exactly the lesson's own text (app.core.descent), which the view rebuilds.
    assert view.descent_lines(step) == step.lines()
    rng = np.random.default_rng(0)
    names = pca_plane(rng.standard_normal((6, 13))).axis_names
    assert [view.axis_name(n) for n in names] == list(names)
    assert view.axis_name("w2[3,7]") == "w2[3,7]"

    switch(qtbot, window, "zh_TW")
    first, second = (view.axis_name(n) for n in names)
    assert first.startswith("主成分 1（占移動量的 ")
    assert first.endswith(" %）")
    assert second.startswith("主成分 2（")
    assert "movement" not in second
    assert view.axis_name("w2[3,7]") == "w2[3,7]"
    for line in view.descent_lines(step):
        assert english_left_in(line) == [], line
    assert view.descent_lines(step)[4] == "5. 新的 (w1, w2) = (0.51, 0.22)"


def test_a_window_built_in_chinese_fits_a_1280_by_720_projector(
    qtbot, qapp, tmp_path, english_after
):
    """As at a start in 繁體中文: the language is installed before the window is built."""
    from app.ui.application import build_training
    from app.ui.main_window import MainWindow

    assert i18n.install_language("zh_TW", qapp) == "zh_TW"
    training, problem = build_training()
    assert problem is None
    win = MainWindow(training, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    training.start()
    try:
        qtbot.wait_until(lambda: win._snapshot is not None, timeout=5000)
        assert win.menus.language_actions["zh_TW"].isChecked()
        assert win.controls.play_button.text() == "播放"
        needed = win.minimumSizeHint()
        assert needed.width() <= 1280, f"the window needs {needed.width()} px of width"
        assert needed.height() <= 720, f"the window needs {needed.height()} px of height"
        win.plots.setCurrentWidget(win.landscape)
        win.landscape.set_kind("lesson")
        assert win.minimumSizeHint().width() <= 1280
        assert english_left(win) == []
    finally:
        win.close()
