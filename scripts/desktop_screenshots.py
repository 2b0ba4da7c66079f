"""The desktop layout (not presenter mode) on a virtual 1280×720 screen, every tab, measured.

    python scripts/desktop_screenshots.py OUT_DIR [--sizes 1280x720] [--languages en,zh_TW]

As ``scripts/stage_screenshots.py`` does for the stage (its Xvfb and openbox, on a free
display number): opens the app's own main window, and for each tab of the plots under the
graph and of the views above them, shows it, saves ``OUT_DIR/desktop_<lang>_<W>x<H>_<tab>.png``
and prints one JSON object: the window's geometry against the screen's, every tab title
that is cut (not whole in its tab) or out of sight (a tab bar that scrolls), and any other
clipped text of the window (``tests.test_presenter.clipped_texts``).
tests/test_desktop_on_screen.py reads them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from stage_screenshots import in_each_language, on_virtual_screen, save, wait  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for the PNGs")
    parser.add_argument("--sizes", default="1280x720", help="screens, WxH,WxH")
    parser.add_argument("--languages", default="en,zh_TW")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.child:
        return in_each_language(args, visit_every_tab)
    here = Path(__file__)
    return max(on_virtual_screen(size, args, here, [], start=95) for size in args.sizes.split(","))


def visit_every_tab(app, window, language: str, args) -> None:
    wait(app, lambda: window.current_snapshot() is not None, 1.0)
    for tabs in (window.plots, window.views):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            wait(app, lambda: True, 0.5)
            name = tabs.tabText(index).replace(" ", "_")
            file = args.out / f"desktop_{language}_{args.sizes}_{name}.png"
            save(window, file)
            result = measure(window, tabs.tabText(index))
            print(json.dumps({**result, "language": language, "file": file.name}), flush=True)


def tab_problems(window) -> list[str]:
    """Tab titles not whole in their tab, or out of the window's sight (scrolled away)."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QTabBar, QToolButton

    from app.ui.wrapping_tabs import WrappingTabs

    problems = []
    for holder in window.findChildren(WrappingTabs):
        if not holder.isVisible():
            continue
        for button in holder.buttons():
            whole = button.fontMetrics().horizontalAdvance(button.text()) <= button.width()
            box = QRect(button.mapTo(window, button.rect().topLeft()), button.size())
            if not (whole and button.isVisible() and window.rect().contains(box)):
                problems.append(f"tab {button.text()!r}: {button.width()} px at {box.x()}")
            if not holder.row.rect().contains(button.geometry()):
                problems.append(f"tab {button.text()!r} outside its row")
    for bar in window.findChildren(QTabBar):
        arrows = [b for b in bar.findChildren(QToolButton) if b.isVisible()]
        if bar.isVisible() and arrows:
            problems.append(f"the tabs {bar.tabText(0)!r}… scroll")
    return problems


def measure(window, tab: str) -> dict:
    from tests.test_presenter import clipped_texts

    screen = window.screen().geometry()
    geometry = window.frameGeometry()
    return {
        "tab": tab,
        "screen": [screen.x(), screen.y(), screen.width(), screen.height()],
        "window": [geometry.x(), geometry.y(), geometry.width(), geometry.height()],
        "tabs": tab_problems(window),
        "clipped": clipped_texts(window),
    }


if __name__ == "__main__":
    sys.exit(main())
