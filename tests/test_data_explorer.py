"""The data explorer: each digit's images page by page, counts, averages, the class's drawings."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from app.ui.data_explorer import (
    DRAWINGS,
    PAGE_COLUMNS,
    PAGE_ROWS,
    PAGE_SIZE,
    SIDE,
    DataExplorer,
    mosaic,
)
from app.ui.images import ink


def synthetic(n: int, seed: int = 0, dtype=np.uint8):
    """``n`` random images (some digits rarer than others), labels, and a few drawn flags."""
    rng = np.random.default_rng(seed)
    labels = rng.choice(10, size=n, p=np.linspace(1, 2, 10) / np.linspace(1, 2, 10).sum())
    if dtype == np.uint8:
        images = rng.integers(0, 256, (n, SIDE, SIDE), dtype=np.uint8)
    else:
        images = rng.random((n, SIDE, SIDE)).astype(dtype)
    drawn = np.zeros(n, dtype=bool)
    drawn[rng.choice(n, size=min(n, 7), replace=False)] = True
    for array in (images, labels, drawn):
        array.flags.writeable = False
    return images, labels, drawn


@pytest.fixture
def explorer(qtbot):
    view = DataExplorer()
    qtbot.addWidget(view)
    return view


@pytest.mark.parametrize("dtype", [np.uint8, np.float32, np.float64])
def test_counts_and_average_images_are_those_of_the_data(explorer, dtype):
    images, labels, drawn = synthetic(3000, seed=1, dtype=dtype)
    explorer.show_data(images, labels, drawn, "synthetic")
    np.testing.assert_array_equal(explorer.counts, np.bincount(labels, minlength=10))
    np.testing.assert_array_equal(explorer.summary.counts, np.bincount(labels, minlength=10))
    for digit in range(10):
        np.testing.assert_array_equal(
            explorer.averages[digit], images[labels == digit].mean(axis=0)
        )
    assert "3,000 images" in explorer.header.text()
    assert "synthetic" in explorer.header.text()


def test_a_digit_missing_from_the_data_has_count_zero_and_no_average(explorer):
    images, labels, drawn = synthetic(500, seed=2)
    keep = labels != 4
    explorer.show_data(images[keep], labels[keep], drawn[keep], "no fours")
    assert explorer.counts[4] == 0
    assert not explorer.averages[4].any()
    explorer.choose(4)
    assert explorer.grid.array is None
    assert "No images of the digit 4" in explorer.grid.message
    assert not explorer.next_button.isEnabled()


def test_the_pages_of_a_digit_show_each_of_its_images_exactly_once(qtbot, explorer):
    images, labels, drawn = synthetic(6000, seed=3)
    explorer.show_data(images, labels, drawn, "synthetic")
    digit = 7
    qtbot.mouseClick(explorer.digit_buttons[digit], Qt.MouseButton.LeftButton)
    assert explorer.choice == digit
    expected = np.flatnonzero(labels == digit)
    assert explorer.n_pages(digit) == -(-len(expected) // PAGE_SIZE) > 1
    shown = []
    for page in range(explorer.n_pages(digit)):
        assert explorer.page == page
        indices = explorer.page_indices(digit, page)
        assert set(labels[indices]) == {digit}
        # The mosaic on screen is these images, tile by tile, dark ink on white.
        tiles = explorer.grid.array
        assert tiles.shape == (PAGE_ROWS * (SIDE + 1) + 1, PAGE_COLUMNS * (SIDE + 1) + 1)
        for k in (0, len(indices) - 1):
            row, column = divmod(k, PAGE_COLUMNS)
            tile = tiles[
                1 + row * (SIDE + 1) : (row + 1) * (SIDE + 1),
                1 + column * (SIDE + 1) : (column + 1) * (SIDE + 1),
            ]
            np.testing.assert_array_equal(tile, 255 - images[indices[k]])
        shown.extend(indices.tolist())
        if explorer.next_button.isEnabled():
            qtbot.mouseClick(explorer.next_button, Qt.MouseButton.LeftButton)
    assert not explorer.next_button.isEnabled()
    assert sorted(shown) == expected.tolist()
    assert len(shown) == len(set(shown))
    last = len(expected) - (explorer.n_pages(digit) - 1) * PAGE_SIZE
    assert explorer.page_label.text().endswith(
        f"images {len(expected) - last + 1:,}–{len(expected):,} of {len(expected):,}"
    )
    qtbot.mouseClick(explorer.previous_button, Qt.MouseButton.LeftButton)
    assert explorer.page == explorer.n_pages(digit) - 2


def test_the_mosaic_leaves_unused_places_white_and_frames_every_tile():
    tiles = ink(np.full((3, SIDE, SIDE), 255, dtype=np.uint8))
    out = mosaic(tiles, columns=2, rows=2)
    assert out.shape == (2 * (SIDE + 1) + 1, 2 * (SIDE + 1) + 1)
    assert (out[1 : SIDE + 1, 1 : SIDE + 1] == 0).all()  # full ink is black
    assert (out[SIDE + 2 : -1, SIDE + 2 : -1] == 255).all()  # the fourth place is empty
    assert (out[0] == out[0, 0]).all()
    assert out[0, 0] not in (0, 255)
    with pytest.raises(ValueError, match="do not fit"):
        mosaic(np.zeros((5, SIDE, SIDE)), columns=2, rows=2)


def test_the_class_drawings_are_listed_and_deleted_by_index(qtbot, explorer):
    images, labels, drawn = synthetic(800, seed=4)
    explorer.show_data(images, labels, drawn, "with drawings")
    qtbot.mouseClick(explorer.drawings_button, Qt.MouseButton.LeftButton)
    assert explorer.choice == DRAWINGS
    assert explorer.drawings_button.text() == "class drawings (7)"
    items = [explorer.drawings_list.item(i) for i in range(explorer.drawings_list.count())]
    indices = [int(item.data(Qt.ItemDataRole.UserRole)) for item in items]
    assert indices == np.flatnonzero(drawn).tolist()
    assert [item.text() for item in items] == [str(labels[i]) for i in indices]
    assert not explorer.delete_button.isEnabled()

    items[4].setSelected(True)
    items[1].setSelected(True)
    with qtbot.waitSignal(explorer.delete_requested) as blocker:
        qtbot.mouseClick(explorer.delete_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [(indices[1], indices[4])]

    # The window removes them and shows the new data: the list follows.
    keep = np.ones(len(labels), dtype=bool)
    keep[[indices[1], indices[4]]] = False
    explorer.show_data(images[keep], labels[keep], drawn[keep], "with drawings")
    assert explorer.choice == DRAWINGS
    assert explorer.drawings_list.count() == 5
    assert explorer.drawings_button.text() == "class drawings (5)"


@pytest.mark.parametrize("key", [Qt.Key.Key_Delete, Qt.Key.Key_Backspace])
def test_the_delete_key_deletes_the_selected_drawings(qtbot, explorer, key):
    images, labels, drawn = synthetic(800, seed=4)
    explorer.show_data(images, labels, drawn, "with drawings")
    explorer.choose(DRAWINGS)
    explorer.show()
    explorer.activateWindow()
    qtbot.waitActive(explorer)
    explorer.drawings_list.setFocus()
    qtbot.wait_until(explorer.drawings_list.hasFocus)
    with qtbot.assertNotEmitted(explorer.delete_requested):
        qtbot.keyClick(explorer.drawings_list, key)  # nothing selected: nothing to delete
    explorer.drawings_list.item(2).setSelected(True)
    with qtbot.waitSignal(explorer.delete_requested) as blocker:
        qtbot.keyClick(explorer.drawings_list, key)
    assert blocker.args == [(int(np.flatnonzero(drawn)[2]),)]


def test_without_drawings_it_says_how_to_add_them(explorer):
    images, labels, _ = synthetic(300, seed=5)
    explorer.show_data(images, labels, np.zeros(300, dtype=bool), "bundled")
    explorer.choose(DRAWINGS)
    assert explorer.drawings_list.count() == 0
    assert "Teach it" in explorer.drawings_hint.text()
    assert not explorer.delete_button.isEnabled()


def test_before_any_data_it_says_so(explorer):
    assert "No training data yet" in explorer.header.text()
    assert not explorer.digit_buttons[3].isEnabled()
    assert explorer.grid.array is None
    assert explorer.summary.isHidden()


def colours_in(widget) -> int:
    image = widget.grab().toImage()
    return len(
        {image.pixel(x, y) for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)}
    )


def test_sixty_thousand_images_are_shown_and_drawn(qtbot, explorer):
    images, labels, drawn = synthetic(60_000, seed=6)
    explorer.resize(900, 400)
    explorer.show()
    qtbot.waitExposed(explorer)
    explorer.show_data(images, labels, drawn, "MNIST")
    assert explorer.counts.sum() == 60_000
    explorer.choose(9)
    explorer.set_page(explorer.n_pages(9) - 1)
    assert explorer.page == explorer.n_pages(9) - 1
    assert colours_in(explorer.grid) > 30, "the grid looks blank"
    assert colours_in(explorer.summary) > 30, "the averages look blank"
    explorer.choose(DRAWINGS)
    assert colours_in(explorer.drawings_list) > 10, "the drawings look blank"


def test_presenter_mode_makes_the_picker_and_the_drawings_larger(explorer):
    from app.ui import theme

    normal = explorer.digit_buttons[0].font().pointSizeF(), explorer.drawings_list.iconSize()
    theme.set_presenting(True)
    try:
        explorer.apply_theme()
        larger = explorer.digit_buttons[0].font().pointSizeF(), explorer.drawings_list.iconSize()
    finally:
        theme.set_presenting(False)
        explorer.apply_theme()
    assert larger[0] > normal[0]
    assert larger[1].width() > normal[1].width()
