"""The graph's layout, edge bins and picking: plain numpy, checked without any Qt object."""

from __future__ import annotations

import math
import subprocess
import sys
from types import SimpleNamespace

import numpy as np
import pytest

from app.core.network import Architecture
from app.ui.graph.layout import (
    DENSE_OPACITY_EDGES,
    IMAGE_GAP,
    IMAGE_SIDE,
    LEGIBLE_NODES,
    MAGNITUDE_LEVELS,
    NODES_SHOWN_WHEN_CUT,
    PAINT_ORDER,
    PICK_RADIUS_PX,
    SCENE_HEIGHT,
    SPARSE_LAYER_EDGES,
    STRIP_WIDTH,
    TITLE_Y,
    Box,
    activation_shade,
    bias_node,
    bin_edges,
    bin_members,
    edge_at,
    edge_pen_shape,
    find_drawn_edge,
    fitted_view,
    graph_layout,
    hover_marks,
    lab_marks,
    node_at,
    nudge_rings,
    pen_style,
    robust_max,
    title_position,
    title_scale,
)

DEFAULT = (784, 16, 16, 10)
ARCHITECTURES = [DEFAULT, (784, 10), (784, 128, 64, 32, 16, 10), (100, 12, 10), (20, 8, 3)]


def layout_of(sizes: tuple[int, ...]):
    return graph_layout(Architecture(sizes))


def test_importing_the_layout_loads_no_qt():
    code = (
        "import sys\n"
        "import app.ui.graph.layout\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'pyqtgraph'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "", f"the layout imported: {out.stdout.strip()}"


# -- positions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("sizes", ARCHITECTURES, ids=lambda s: "-".join(map(str, s)))
def test_every_weight_between_drawn_neurons_is_one_edge_from_rim_to_rim(sizes):
    layout = layout_of(sizes)
    architecture = layout.architecture
    for edges in layout.edges:
        source, target = layout.columns[edges.layer], layout.columns[edges.layer + 1]
        assert edges.n_edges == source.n_drawn * target.n_drawn
        expected = [
            architecture.weight_index(edges.layer, int(to), int(fro))
            for to, fro in zip(edges.to_neuron, edges.from_neuron, strict=True)
        ]
        np.testing.assert_array_equal(edges.flat_index, expected)
        np.testing.assert_allclose(edges.y[:, 0], source.ys[edges.from_neuron])
        np.testing.assert_allclose(edges.y[:, 1], target.ys[edges.to_neuron])
        np.testing.assert_allclose(edges.x[:, 0], source.x + source.half_width)
        np.testing.assert_allclose(edges.x[:, 1], target.x - target.half_width)
        np.testing.assert_array_equal(
            edges.lines,
            np.column_stack([edges.x[:, 0], edges.y[:, 0], edges.x[:, 1], edges.y[:, 1]]),
        )


@pytest.mark.parametrize("sizes", ARCHITECTURES, ids=lambda s: "-".join(map(str, s)))
def test_columns_run_left_to_right_inside_the_scene_height(sizes):
    layout = layout_of(sizes)
    xs = [column.x for column in layout.columns]
    assert xs == sorted(xs)
    assert len(set(xs)) == len(xs)
    for column in layout.columns:
        assert column.ys[0] - column.spacing / 2 >= -1e-9
        assert column.ys[-1] + column.spacing / 2 <= SCENE_HEIGHT + 1e-9
        assert np.all(np.diff(column.ys) > 0)
    view = layout.view_rect
    assert view.left < xs[0] - layout.columns[0].half_width
    assert view.right > xs[-1]


def test_a_layer_too_tall_shows_its_first_neurons_and_keeps_room_for_the_rest():
    layout = layout_of((784, 128, 64, 32, 16, 10))
    cut = layout.columns[1]
    assert cut.size == 128 > LEGIBLE_NODES
    assert cut.n_drawn == NODES_SHOWN_WHEN_CUT
    assert cut.n_hidden == 128 - NODES_SHOWN_WHEN_CUT
    assert cut.spacing == pytest.approx(SCENE_HEIGHT / LEGIBLE_NODES)
    assert layout.columns[2].n_drawn == 64  # exactly legible: drawn whole


def test_the_784_input_is_a_picture_and_a_strip_of_touching_cells():
    layout = layout_of(DEFAULT)
    strip = layout.columns[0]
    assert strip.strip
    assert strip.n_drawn == 784
    assert strip.spacing * 784 == pytest.approx(SCENE_HEIGHT)
    assert strip.half_width == STRIP_WIDTH / 2
    rect = layout.image_rect
    assert rect == Box(0.0, (SCENE_HEIGHT - IMAGE_SIDE) / 2, IMAGE_SIDE, IMAGE_SIDE)
    assert strip.x == IMAGE_SIDE + IMAGE_GAP + STRIP_WIDTH / 2
    # Another input size has no picture; a small one is round nodes.
    assert layout_of((100, 12, 10)).image_rect is None
    assert layout_of((100, 12, 10)).columns[0].strip
    assert not layout_of((20, 8, 3)).columns[0].strip


def test_the_input_title_is_centred_over_picture_and_strip():
    layout = layout_of(DEFAULT)
    strip = layout.columns[0]
    assert title_position(layout, strip) == ((0.0 + strip.x) / 2, TITLE_Y)
    hidden = layout.columns[1]
    assert title_position(layout, hidden) == (hidden.x, TITLE_Y)
    plain = layout_of((20, 8, 3))
    assert title_position(plain, plain.columns[0]) == (plain.columns[0].x, TITLE_Y)


def test_the_fitted_view_keeps_room_in_pixels_for_the_titles_and_digits():
    view = Box(-4.0, -13.0, 200.0, 124.0)
    fitted = fitted_view(view, 1276.0)
    units_per_px = 200.0 / (1276.0 - 12 - 64)
    assert fitted.left == pytest.approx(-4.0 - 12 * units_per_px)
    assert fitted.right == pytest.approx(196.0 + 64 * units_per_px)
    assert (fitted.top, fitted.height) == (view.top, view.height)
    # A tiny widget counts as 200 px wide: the margins never swallow the graph.
    assert fitted_view(view, 10.0) == fitted_view(view, 200.0)


def test_titles_shrink_only_when_two_would_come_closer_than_the_gap():
    output = layout_of(DEFAULT).columns[-1]
    pixel = 0.1  # scene units per pixel: titles 50 units apart are 500 px apart
    assert title_scale([0.0, 50.0], [100.0, 100.0], output, 10.0, pixel) == 1.0
    # 20 units = 200 px, less the 10 px gap: two 200 px titles shrink to 190 / 200.
    assert title_scale([0.0, 20.0], [200.0, 200.0], output, 10.0, pixel) == pytest.approx(0.95)
    # Digits taller than the spacing of the output nodes shrink the texts too.
    digit = output.spacing / pixel * 2
    assert title_scale([0.0, 50.0], [10.0, 10.0], output, digit, pixel) == pytest.approx(0.5)


# -- edge bins ---------------------------------------------------------------------------------


def test_bins_split_edges_by_sign_and_magnitude_into_equal_levels():
    values = np.array([0.05, -0.05, 0.5, -0.99, 1.0, 3.0, -np.inf])
    codes = bin_edges(values, robust_max=1.0, strongest_percent=100)
    levels = MAGNITUDE_LEVELS
    assert codes.tolist() == [0, levels, 4, levels + 7, 7, 7, levels + 7]


def test_zero_nan_and_edges_outside_the_strongest_share_are_not_drawn():
    values = np.array([0.0, np.nan, 0.1, -0.2, 0.3, -0.4, 0.5, 0.6, -0.7, 0.8])
    codes = bin_edges(values, robust_max=1.0, strongest_percent=100)
    assert codes[:2].tolist() == [-1, -1]
    assert np.all(codes[2:] >= 0)
    finite = np.nan_to_num(values)
    strongest = bin_edges(finite, robust_max=1.0, strongest_percent=30)
    assert np.flatnonzero(strongest >= 0).tolist() == [7, 8, 9]
    assert np.all(bin_edges(values, robust_max=0.0, strongest_percent=100) == -1)


def test_the_robust_maximum_ignores_one_outlier_and_the_non_finite():
    values = np.concatenate([np.linspace(-1.0, 1.0, 1001), [1e6, np.inf, np.nan, 0.0]])
    assert robust_max(values) == pytest.approx(1.0, abs=0.05)
    assert robust_max(np.zeros(5)) == 0.0


def test_bin_members_hold_each_bin_s_edges_in_order_and_count_the_drawn():
    codes = np.array([3, -1, 3, 8, 0, -1, 15])
    members, n_shown = bin_members(codes)
    assert len(members) == 2 * MAGNITUDE_LEVELS
    assert n_shown == 5
    assert members[3].tolist() == [0, 2]
    assert members[8].tolist() == [3]
    assert members[0].tolist() == [4]
    assert members[15].tolist() == [6]
    assert sum(len(m) for m in members) == n_shown
    assert sorted(PAINT_ORDER) == list(range(2 * MAGNITUDE_LEVELS))


def test_dense_layers_get_a_lower_opacity_ceiling_and_sparse_ones_opaque_pens():
    ceiling_few, sparse_few = pen_style(100)
    ceiling_fan, sparse_fan = pen_style(12_544)
    assert sparse_few
    assert not sparse_fan
    assert ceiling_few == round(255 * 0.95)
    assert ceiling_fan == round(255 * math.sqrt(DENSE_OPACITY_EDGES / 12_544))
    assert pen_style(SPARSE_LAYER_EDGES)[1]
    assert not pen_style(SPARSE_LAYER_EDGES + 1)[1]


def test_stronger_levels_get_more_alpha_and_sparse_strong_edges_wider_pens():
    alphas = [edge_pen_shape(level, 200, sparse=False)[1] for level in range(MAGNITUDE_LEVELS)]
    assert alphas == sorted(alphas)
    assert alphas[-1] == 200
    assert edge_pen_shape(MAGNITUDE_LEVELS + 2, 200, sparse=False)[0]  # a negative bin
    widths = [edge_pen_shape(level, 200, sparse=True)[2] for level in range(MAGNITUDE_LEVELS)]
    assert widths == [1, 1, 1, 2, 2, 2, 3, 3]
    assert {edge_pen_shape(level, 200, sparse=False)[2] for level in range(8)} == {1}


# -- finding things ----------------------------------------------------------------------------


def test_a_drawn_weight_and_bias_are_found_and_a_cut_neuron_s_are_not():
    layout = layout_of((784, 128, 10))
    architecture = layout.architecture
    edges, e = find_drawn_edge(layout, architecture.weight_index(1, 3, 5))
    assert edges.layer == 1
    assert (edges.to_neuron[e], edges.from_neuron[e]) == (3, 5)
    assert find_drawn_edge(layout, architecture.weight_index(1, 3, 100)) is None  # cut source
    assert find_drawn_edge(layout, architecture.bias_index(0, 2)) is None
    assert bias_node(layout, architecture.bias_index(0, 2)) == (1, 2)
    assert bias_node(layout, architecture.bias_index(0, 100)) is None  # beyond the cut
    assert bias_node(layout, architecture.weight_index(0, 0, 0)) is None


def test_a_point_on_a_node_picks_it_and_a_point_on_the_picture_its_pixel():
    layout = layout_of(DEFAULT)
    pixel = 0.2
    hidden = layout.columns[1]
    assert node_at(layout, hidden.x, float(hidden.ys[4]), pixel) == (1, 4)
    # Just outside the rim, within the pick radius; then beyond it.
    rim = hidden.node_diameter / 2
    near = hidden.x + rim + (PICK_RADIUS_PX - 1) * pixel
    assert node_at(layout, near, float(hidden.ys[4]), pixel) == (1, 4)
    assert node_at(layout, hidden.x + rim + (PICK_RADIUS_PX + 1) * pixel, 50.0, pixel) is None
    rect = layout.image_rect
    cell = rect.width / 28
    x, y = rect.left + 5.5 * cell, rect.top + 3.5 * cell  # row 3, column 5
    assert node_at(layout, x, y, pixel) == (0, 3 * 28 + 5)
    assert node_at(layout, rect.right, rect.bottom, pixel) == (0, 783)
    strip = layout.columns[0]
    assert node_at(layout, strip.x, float(strip.ys[400]), pixel) == (0, 400)


def test_a_point_on_an_edge_picks_it_and_where_edges_cross_the_strongest():
    layout = layout_of((20, 8, 3))
    edges = layout.edges[1]
    e = 5
    mx, my = edges.x[e].mean(), edges.y[e].mean()
    assert edge_at(layout, mx, my, 0.01, []) == (1, e)
    below_every_edge = float(edges.y.max()) + 5.0
    assert edge_at(layout, mx, below_every_edge, 0.01, []) is None
    # Only drawn edges can be picked.
    codes = [np.zeros(n.n_edges, dtype=np.int64) for n in layout.edges]
    codes[1][e] = -1
    assert edge_at(layout, mx, my, 0.01, codes) != (1, e)
    # Edges 0→2, 2→0 and 1→1 (e = 6, 2, 4) of a 3-3 layer all cross in the middle: the
    # one of the highest level is painted on top, and picked.
    square = layout_of((3, 3, 3))
    middle_x, middle_y = square.edges[0].x[6].mean(), square.edges[0].y[6].mean()
    for top in (6, 2, 4):
        codes = [np.full(9, 1, dtype=np.int64), np.full(9, 1, dtype=np.int64)]
        codes[0][top] = 5
        assert edge_at(square, middle_x, middle_y, 0.05, codes) == (0, top)


# -- marks -------------------------------------------------------------------------------------


def test_lab_marks_cross_drawn_neurons_only_in_sorted_order():
    layout = layout_of((784, 128, 10))
    marks = lab_marks(layout, {(2, 7), (1, 3), (1, 100), (9, 0), (1, -1)})
    assert marks.xs == [layout.columns[1].x, layout.columns[2].x]
    assert marks.ys == [float(layout.columns[1].ys[3]), float(layout.columns[2].ys[7])]
    assert marks.symbols == ["x", "x"]
    assert lab_marks(layout, set()).xs == []


def test_hovering_an_input_boxes_its_cell_in_the_strip_and_its_pixel_in_the_picture():
    layout = layout_of(DEFAULT)
    marks = hover_marks(layout, 0, 2 * 28 + 9)
    assert marks.symbols == ["s", "s"]
    rect = layout.image_rect
    cell = rect.width / 28
    assert marks.xs[1] == pytest.approx(rect.left + 9.5 * cell)
    assert marks.ys[1] == pytest.approx(rect.top + 2.5 * cell)
    ring = hover_marks(layout, 2, 3)
    assert ring.symbols == ["o"]
    assert (ring.xs, ring.ys) == ([layout.columns[2].x], [float(layout.columns[2].ys[3])])


def test_nudge_rings_follow_the_sign_and_size_of_each_known_nudge():
    layout = layout_of((20, 8, 3))
    nudges = [None, np.zeros((1, 8)), np.array([[0.5, -1.0, 0.0]])]
    nudges[1][0, 2] = np.nan
    step = SimpleNamespace(nudges=nudges)
    frame = SimpleNamespace(nudged_layers=frozenset({2}))
    rings = nudge_rings(layout, step, frame)
    assert [(r.negative, r.strength) for r in rings] == [(True, 0.5), (False, 1.0)]
    assert [r.y for r in rings] == [float(layout.columns[2].ys[k]) for k in (0, 1)]
    both = nudge_rings(layout, step, SimpleNamespace(nudged_layers=frozenset({1, 2})))
    assert len(both) == 2  # layer 1's nudges are all zero or NaN: no ring


# -- node fill ---------------------------------------------------------------------------------


def test_activations_become_shades_from_white_to_ink():
    np.testing.assert_allclose(
        activation_shade(np.array([0.0, 0.25, 1.0]), "sigmoid"), [0, 0.25, 1]
    )
    np.testing.assert_allclose(activation_shade(np.array([0.0, 1.0, 4.0]), "relu"), [0, 0.25, 1])
    np.testing.assert_allclose(activation_shade(np.array([-2.0, 0.0, 1.0]), "tanh"), [0, 0.5, 0.75])
    np.testing.assert_allclose(activation_shade(np.array([np.nan, 3.0]), "sigmoid"), [0.0, 1.0])
    np.testing.assert_allclose(activation_shade(np.zeros(3), "tanh"), [0.5, 0.5, 0.5])


def test_a_short_view_keeps_room_in_pixels_for_the_titles_above_and_the_caption_below():
    view = graph_layout(Architecture()).view_rect
    tall = fitted_view(view, 1000.0, 600.0)
    assert (tall.top, tall.bottom) == (view.top, view.bottom)  # room enough already
    short = fitted_view(view, 1000.0, 250.0)
    per_px = short.height / 250.0  # the scale once the box fills the view's height
    assert (TITLE_Y - short.top) / per_px >= 30  # a 26 px title fits above its baseline
    assert short.bottom > view.bottom


def test_a_taller_title_gets_its_own_height_above_the_baseline():
    view = graph_layout(Architecture()).view_rect
    latin, cjk = fitted_view(view, 1000.0, 250.0), fitted_view(view, 1000.0, 250.0, 44.0)
    assert (TITLE_Y - cjk.top) / (cjk.height / 250.0) >= 44  # a 44 px tall title fits
    assert cjk.top < latin.top
