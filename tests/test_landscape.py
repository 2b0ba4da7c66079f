"""The loss landscape: every contour value is the network's own loss at that point of the plane.

The reference throughout is the plain forward pass: ``Network(params=plane.point(a, b))``, its
output through the loss, averaged over the sample. ``loss_grid`` computes the same numbers
another way (linear first layer, batched later layers); the two must agree.
"""

from __future__ import annotations

import copy
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.descent import format_number
from app.core.landscape import (
    Plane,
    fixed_sample,
    grid_axes,
    loss_grid,
    pca_plane,
    random_plane,
    weights_plane,
)
from app.core.lesson_preset import COMPARISON_LEARNING_RATES, LessonPreset, compare_optimizers
from app.core.losses import one_hot
from app.core.network import Architecture, Network
from app.errors import ConfigError

ARCHITECTURES = [(784, 16, 16, 10), (784, 32, 10), (6, 5, 4, 3)]
PAIRS = [("sigmoid", "mse"), ("relu", "cross_entropy")]


def direct_loss(architecture: Architecture, params: np.ndarray, x, labels) -> float:
    """The mean loss as training computes it: forward pass, output loss (from the weighted
    sums as well, which cross-entropy needs to be exact), mean."""
    net = Network(architecture, params=params)
    y = one_hot(np.asarray(labels), architecture.layer_sizes[-1])
    forward = net.forward(x)
    return float(net.output_loss.loss(forward.output, y, forward.weighted_sums[-1]).mean())


def sample(architecture: Architecture, n: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    x = rng.random((n, architecture.layer_sizes[0]))
    labels = rng.integers(0, architecture.layer_sizes[-1], n)
    return x, labels


def trained_path(net: Network, x, labels, steps: int = 5, lr: float = 0.5) -> np.ndarray:
    """θ after 0..steps steps of plain gradient descent on the sample: (steps + 1, P)."""
    net = net.copy()
    points = [net.params.copy()]
    for _ in range(steps):
        _, grads = net.gradient(x, labels)
        net.set_params(net.params - lr * grads.flat)
        points.append(net.params.copy())
    return np.array(points)


def make_plane(kind: str, net: Network, x, labels) -> tuple[Plane, tuple[float, float], float]:
    """A plane of ``kind`` through ``net``'s weights, with a centre and half-width to draw."""
    arch = net.architecture
    if kind == "weights":
        i = arch.weight_index(0, 1, 3)
        j = arch.bias_index(arch.n_layers - 1, 2)
        return weights_plane(arch, net.params, i, j), (net.params[i], net.params[j]), 1.0
    if kind == "random":
        return random_plane(arch, net.params, seed=3), (0.0, 0.0), 0.6
    path = trained_path(net, x, labels)
    plane = pca_plane(path)
    coords = plane.project(path)
    return plane, tuple(coords.mean(axis=0)), 1.5 * float(np.abs(coords).max())


@pytest.mark.parametrize("layer_sizes", ARCHITECTURES)
@pytest.mark.parametrize(("activation", "loss"), PAIRS)
@pytest.mark.parametrize("kind", ["weights", "random", "pca"])
def test_contour_values_are_the_networks_loss_at_those_weights(layer_sizes, activation, loss, kind):
    arch = Architecture(layer_sizes, activation, loss)
    net = Network(arch, seed=1)
    net.params[...] += np.random.default_rng(2).normal(0, 0.1, arch.n_parameters)  # biases too
    x, labels = sample(arch, 40)
    plane, center, half_width = make_plane(kind, net, x, labels)
    a_values, b_values = grid_axes(center, (half_width, 0.7 * half_width), 9)
    b_values = b_values[:7]  # 9 columns of a, 7 rows of b: a transposed grid would not fit

    grid = loss_grid(arch, plane, x, labels, a_values, b_values, dtype=np.float64)

    assert grid.shape == (7, 9)
    rng = np.random.default_rng(4)
    for r, c in zip(rng.integers(0, 7, 10), rng.integers(0, 9, 10), strict=True):
        expected = direct_loss(arch, plane.point(a_values[c], b_values[r]), x, labels)
        assert grid[r, c] == pytest.approx(expected, rel=1e-9)
    # The default, float32 inside, agrees with float64 to far better than a contour can show.
    fast = loss_grid(arch, plane, x, labels, a_values, b_values)
    np.testing.assert_allclose(fast, grid, rtol=1e-5)


def test_chunks_and_threads_do_not_change_the_grid():
    arch = Architecture((6, 5, 4, 3))
    net = Network(arch, seed=0)
    x, labels = sample(arch, 30)
    plane = random_plane(arch, net.params, seed=0)
    a_values, b_values = grid_axes((0.0, 0.0), 1.0, 11)
    kwargs = {"dtype": np.float64}
    reference = loss_grid(arch, plane, x, labels, a_values, b_values, chunk=1, threads=1, **kwargs)
    for chunk, threads in [(7, 1), (7, 2), (None, 2), (1000, 1)]:
        grid = loss_grid(
            arch, plane, x, labels, a_values, b_values, chunk=chunk, threads=threads, **kwargs
        )
        np.testing.assert_allclose(grid, reference, rtol=1e-12)


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_grid_equals_a_loop_over_points_for_any_small_network(data):
    sizes = tuple(data.draw(st.lists(st.integers(1, 6), min_size=2, max_size=4), label="sizes"))
    activation, loss = data.draw(
        st.sampled_from(
            [(a, lo) for a in ("sigmoid", "relu", "tanh") for lo in ("mse", "cross_entropy")]
        )
    )
    arch = Architecture(sizes, activation, loss)
    seed = data.draw(st.integers(0, 2**16), label="seed")
    rng = np.random.default_rng(seed)
    params = rng.normal(0, 1, arch.n_parameters)
    if data.draw(st.booleans(), label="weights plane"):
        i, j = rng.choice(arch.n_parameters, 2, replace=False)  # every network has ≥ 2
        plane = weights_plane(arch, params, int(i), int(j))
    else:  # any two directions, biases included, not orthogonal
        d1, d2 = rng.normal(size=(2, arch.n_parameters))
        plane = Plane(params, d1, d2, "random", ("a", "b"))
    n = data.draw(st.integers(1, 8), label="samples")
    x, labels = rng.random((n, sizes[0])), rng.integers(0, sizes[-1], n)
    a_values = rng.normal(0, 2, data.draw(st.integers(1, 5), label="columns"))
    b_values = rng.normal(0, 2, data.draw(st.integers(1, 5), label="rows"))
    chunk = data.draw(st.one_of(st.none(), st.integers(1, 7)), label="chunk")
    threads = data.draw(st.integers(1, 2), label="threads")

    grid = loss_grid(
        arch, plane, x, labels, a_values, b_values, chunk=chunk, threads=threads, dtype=np.float64
    )

    expected = [
        [direct_loss(arch, plane.point(a, b), x, labels) for a in a_values] for b in b_values
    ]
    np.testing.assert_allclose(grid, expected, rtol=1e-9, atol=1e-12)


# -- planes -----------------------------------------------------------------------------------


def test_current_weights_sit_where_each_plane_says():
    arch = Architecture((6, 5, 4, 3))
    net = Network(arch, seed=0)
    x, labels = sample(arch, 20)
    i, j = arch.weight_index(1, 2, 3), arch.bias_index(0, 4)

    plane = weights_plane(arch, net.params, i, j)
    assert plane.project(net.params).tolist() == [net.params[i], net.params[j]]
    np.testing.assert_array_equal(plane.point(net.params[i], net.params[j]), net.params)
    assert plane.axis_names == ("w2[2,3]", "b1[4]")

    np.testing.assert_allclose(random_plane(arch, net.params, 0).project(net.params), [0, 0])

    path = trained_path(net, x, labels)
    pca = pca_plane(path)
    np.testing.assert_array_equal(pca.project(path[-1]), [0.0, 0.0])
    assert pca.project(path).shape == (len(path), 2)
    # The path arrives at (0, 0) from the negative side of both axes.
    assert np.all(pca.project(path[0]) <= 0.0)


def test_projection_solves_the_normal_equations_for_skewed_directions():
    rng = np.random.default_rng(0)
    origin, d1 = rng.normal(size=50), rng.normal(size=50)
    d2 = d1 + 0.3 * rng.normal(size=50)  # far from orthogonal
    plane = Plane(origin, d1, d2, "random", ("a", "b"))
    coords = np.array([[0.5, -2.0], [3.0, 1.0]])
    points = np.array([plane.point(a, b) for a, b in coords])
    np.testing.assert_allclose(plane.project(points), coords, atol=1e-10)
    # Off the plane: the nearest point in the plane, so the residual is orthogonal to both.
    off = points[0] + rng.normal(size=50)
    residual = off - plane.point(*plane.project(off))
    assert abs(residual @ d1) < 1e-9
    assert abs(residual @ d2) < 1e-9


def test_plane_copies_its_vectors_so_training_cannot_move_it():
    params = np.arange(4.0)
    plane = Plane(params, np.eye(4)[0], np.eye(4)[1], "random", ("a", "b"))
    params[:] = 99.0
    assert plane.origin.tolist() == [0.0, 1.0, 2.0, 3.0]
    with pytest.raises(ValueError, match="read-only"):
        plane.origin[0] = 5.0


def test_random_directions_are_filter_normalised_and_seeded():
    arch = Architecture((784, 16, 16, 10))
    params = Network(arch, seed=0).params
    params[arch.offsets[0][1] : arch.offsets[0][2]] = 0.3  # biases must not leak into d
    plane = random_plane(arch, params, seed=5)
    for d in (plane.d1, plane.d2):
        for (w0, b0, b1), n_from in zip(arch.offsets, arch.layer_sizes, strict=False):
            rows = d[w0:b0].reshape(-1, n_from)
            wanted = np.linalg.norm(params[w0:b0].reshape(-1, n_from), axis=1)
            np.testing.assert_allclose(np.linalg.norm(rows, axis=1), wanted, rtol=0, atol=1e-12)
            assert not np.any(d[b0:b1])
    np.testing.assert_array_equal(plane.origin, params)
    again = random_plane(arch, params, seed=5)
    np.testing.assert_array_equal(again.d1, plane.d1)
    np.testing.assert_array_equal(again.d2, plane.d2)
    assert not np.allclose(random_plane(arch, params, seed=6).d1, plane.d1)
    assert not np.allclose(plane.d1, plane.d2)
    assert plane.axis_names == ("direction 1", "direction 2")


def test_pca_plane_finds_the_direction_training_moved_along():
    rng = np.random.default_rng(0)
    n_params, n_points = 300, 12
    final = rng.normal(size=n_params)
    u = rng.normal(size=n_params)
    u /= np.linalg.norm(u)
    distance = np.linspace(3.0, 0.0, n_points)  # oldest far away, the last point at θ_final
    noise = 0.05 * rng.normal(size=(n_points, n_params))
    noise[-1] = 0.0
    path = final + distance[:, np.newaxis] * u + noise
    movement = path - final
    share_along_u = np.sum((movement @ u) ** 2) / np.sum(movement**2)

    plane = pca_plane(path)

    assert abs(plane.d1 @ u) > 0.99
    assert plane.project(path[0])[0] < 0  # signed so that the path starts on the negative side
    np.testing.assert_allclose([plane.d1 @ plane.d1, plane.d2 @ plane.d2], 1.0)
    assert abs(plane.d1 @ plane.d2) < 1e-12
    assert plane.explained[0] >= share_along_u - 1e-12
    assert plane.explained[0] > 0.8
    percent = round(100 * plane.explained[0])
    assert plane.axis_names[0] == f"PC 1 ({percent} % of the movement)"
    assert plane.axis_names[1].startswith("PC 2 (")
    assert plane.kind == "pca"


def test_pca_plane_needs_a_few_steps():
    point = np.zeros(10)
    with pytest.raises(ConfigError, match="take a few steps first"):
        pca_plane(np.array([point, point, point + 1.0, point]))
    with pytest.raises(ConfigError):
        pca_plane(point)


def test_planes_refuse_what_they_cannot_draw():
    arch = Architecture((6, 5, 4, 3))
    params = Network(arch).params
    with pytest.raises(ConfigError, match="two different"):
        weights_plane(arch, params, 3, 3)
    with pytest.raises(ConfigError):
        weights_plane(arch, params, 0, arch.n_parameters)
    with pytest.raises(ConfigError, match="parallel"):
        Plane(params, params, 2 * params, "random", ("a", "b"))
    x, labels = sample(Architecture((6, 3)), 4)
    small = weights_plane(Architecture((6, 3)), np.zeros(21), 0, 1)
    with pytest.raises(ConfigError, match="parameters"):
        loss_grid(arch, small, x, labels, np.zeros(2), np.zeros(2))


# -- sampling and robustness ------------------------------------------------------------------


def test_fixed_sample_is_the_same_every_time():
    x = np.arange(200.0).reshape(100, 2)
    labels = np.arange(100) % 10
    x1, y1 = fixed_sample(x, labels, 30)
    x2, y2 = fixed_sample(x, labels, 30)
    np.testing.assert_array_equal(x1, x2)
    np.testing.assert_array_equal(y1, y2)
    assert len(x1) == 30
    assert np.all(np.diff(x1[:, 0]) > 0)  # in data order, no repeats
    np.testing.assert_array_equal(x1[:, 0] // 2 % 10, y1)  # examples keep their labels
    assert not np.array_equal(fixed_sample(x, labels, 30, seed=1)[0], x1)
    assert len(fixed_sample(x, labels, 500)[0]) == 100


def test_grid_axes_are_evenly_spaced_around_the_centre():
    a, b = grid_axes((0.5, 0.2), (0.4, 0.1), 5)
    np.testing.assert_allclose(a, [0.1, 0.3, 0.5, 0.7, 0.9])
    np.testing.assert_allclose(b, [0.1, 0.15, 0.2, 0.25, 0.3])
    with pytest.raises(ConfigError):
        grid_axes((0, 0), 0.0, 5)
    with pytest.raises(ConfigError):
        grid_axes((0, 0), 1.0, 1)


@pytest.mark.parametrize(("activation", "loss"), [*PAIRS, ("tanh", "mse")])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_huge_weights_give_nan_or_numbers_never_warnings(activation, loss, dtype):
    arch = Architecture((6, 5, 4, 3), activation, loss)
    params = Network(arch, seed=0).params * 1e30
    x, labels = sample(arch, 10)
    plane = random_plane(arch, params, seed=0)
    values = np.array([-1e300, -1e10, 0.0, 1e10, 1e300])
    grid = loss_grid(arch, plane, x, labels, values, values, dtype=dtype)  # warnings are errors
    assert grid.shape == (5, 5)
    assert not np.any(np.isinf(grid))
    assert np.isfinite(grid[2, 2])


def test_engine_module_loads_no_qt():
    code = (
        "import sys, app.core.landscape\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'pyqtgraph')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"


# -- the lesson's two weights ---------------------------------------------------------------


def test_lesson_numbers():
    preset = LessonPreset()
    start = np.array(preset.start)
    assert preset.start == (0.5, 0.2)
    np.testing.assert_allclose(preset.gradient(start), [-0.1, -0.2], rtol=0, atol=1e-15)

    step = preset.step(start, 0.1)

    assert step.names == ("w1", "w2")
    assert [format_number(v) for v in step.negative_gradient] == ["0.1", "0.2"]
    assert [format_number(v) for v in step.change] == ["0.01", "0.02"]
    assert [format_number(v) for v in step.new_value] == ["0.51", "0.22"]
    assert step.lines()[3] == "4. change = (0.01, 0.02)"
    assert step.lines()[4] == "5. new (w1, w2) = (0.51, 0.22)"
    # The plain-gradient-descent path takes the same step.
    np.testing.assert_allclose(preset.path("gd", 0.1, 1)[1], [0.51, 0.22], rtol=0, atol=1e-15)


def test_lesson_loss_is_a_two_weight_neuron_fit_to_its_examples():
    preset = LessonPreset()
    assert preset.x.shape == (4, 2)
    assert preset.t.shape == (4,)
    w = np.random.default_rng(0).normal(0, 2, (20, 2))
    direct = np.array([0.5 * np.mean((preset.x @ wk - preset.t) ** 2) for wk in w])
    np.testing.assert_allclose(preset.loss(w), direct, rtol=1e-12)
    data_gradient = np.array([preset.x.T @ (preset.x @ wk - preset.t) / 4 for wk in w])
    np.testing.assert_allclose(preset.gradient(w), data_gradient, rtol=1e-12, atol=1e-15)
    # The curvatures differ tenfold: a narrow valley.
    np.testing.assert_allclose(preset.hessian, np.diag([1.0, 10.0]))

    a, b = np.linspace(0, 1, 6), np.linspace(0, 0.5, 4)
    grid = preset.grid(a, b)
    assert grid.shape == (4, 6)
    assert grid[2, 5] == pytest.approx(float(preset.loss(np.array([a[5], b[2]]))), rel=1e-15)


def test_learning_rate_regimes_behave_as_named():
    preset = LessonPreset()
    rates = preset.learning_rate_regimes
    assert list(rates) == ["too small", "good", "too large", "far too large"]
    initial = preset.loss(np.array(preset.start)) - preset.min_loss

    def left_after_50(name):
        path = preset.path("gd", rates[name], 50)
        return path, (preset.loss(path[-1]) - preset.min_loss) / initial

    path, left = left_after_50("too small")
    assert len(path) == 51
    assert left > 0.1  # still crawling
    path, left = left_after_50("good")
    assert left < 1e-3
    path, left = left_after_50("too large")
    assert left < 1e-3  # converges ...
    w2_steps = np.diff(path[:20, 1])
    assert np.all(w2_steps[1:] * w2_steps[:-1] < 0)  # ... zig-zagging across the valley
    path, _ = left_after_50("far too large")
    assert len(path) < 51  # left the map: stopped early
    assert np.linalg.norm(path[-1]) > 1e5
    assert np.all(np.diff(np.abs(path[:, 1] - preset.minimum[1])) > 0)  # every overshoot grows


def test_paths_never_warn_even_when_absurd():
    preset = LessonPreset()
    for name in ("gd", "momentum", "adam"):
        path = preset.path(name, 1e6, 100)
        assert np.all(np.isfinite(path))
        assert np.all(np.linalg.norm(path, axis=1) <= 1e6)
    assert preset.path("gd", 0.1, 0).tolist() == [[0.5, 0.2]]
    assert preset.path("gd", 0.1, 3, start=(0.0, 0.0))[0].tolist() == [0.0, 0.0]


def test_three_optimizers_take_three_different_paths():
    preset = LessonPreset()
    paths = compare_optimizers(preset)
    assert list(paths) == ["gd", "momentum", "adam"]
    for path in paths.values():
        assert path.shape == (61, 2)
        assert path[0].tolist() == [0.5, 0.2]
    for p, q in [("gd", "momentum"), ("gd", "adam"), ("momentum", "adam")]:
        assert np.max(np.abs(paths[p] - paths[q])) > 0.01
    # Momentum overshoots the floor of the valley (w2* = 0.22) before settling.
    assert paths["momentum"][:, 1].max() > preset.minimum[1] + 0.005
    # Adam's first step moves both weights by the same amount: diagonally.
    first = paths["adam"][1] - paths["adam"][0]
    np.testing.assert_allclose(first, [COMPARISON_LEARNING_RATES["adam"]] * 2, rtol=1e-6)
    # Overriding one rate keeps the others.
    slower = compare_optimizers(preset, {"gd": 0.01}, steps=5)
    np.testing.assert_allclose(slower["gd"][1], [0.501, 0.202])
    np.testing.assert_array_equal(slower["adam"], paths["adam"][:6])


# -- the downhill arrow -----------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["weights", "random"])
def test_the_downhill_arrow_is_the_slope_of_the_map_it_is_drawn_on(kind):
    """After training, the last mini-batch's gradient can point uphill on a map drawn over a
    fixed sample; the arrow must be −∇ of the map's own loss. Checked against the map itself:
    central differences of the contour function at the current point, and a short step along
    the arrow lowering it."""
    from app.training.landscape_job import LandscapeRequest, compute

    arch = Architecture((6, 5, 4, 3))
    x, labels = sample(arch, 200, seed=4)
    net = Network(arch, seed=2)
    rng = np.random.default_rng(9)
    for _ in range(40):  # a few noisy one-example steps: the batch gradient is then anything
        pick = rng.integers(0, 200, 1)
        _, grads = net.gradient(x[pick], labels[pick])
        net.set_params(net.params - 0.5 * grads.flat)
    i, j = arch.weight_index(2, 0, 1), arch.weight_index(2, 1, 2)
    request = LandscapeRequest(
        kind,
        resolution=3,
        architecture=arch,
        params=net.params,
        gradient=grads.flat,  # the last step's: what the arrow used to show
        learning_rate=0.5,
        selected=(i, j),
        x=x,
        labels=labels,
        seed=3,
    )
    result = compute(request)
    plane = (
        weights_plane(arch, net.params, i, j)
        if kind == "weights"
        else random_plane(arch, net.params, seed=3)
    )

    def on_map(a: float, b: float) -> float:
        values = loss_grid(arch, plane, x, labels, np.array([a]), np.array([b]), dtype=np.float64)
        return float(values[0, 0])

    a0, b0 = result.current
    h = 1e-5
    slope = np.array(
        [
            (on_map(a0 + h, b0) - on_map(a0 - h, b0)) / (2 * h),
            (on_map(a0, b0 + h) - on_map(a0, b0 - h)) / (2 * h),
        ]
    )
    # In plane coordinates the arrow is −G⁻¹ ∇f, G the directions' dot products (I for two
    # weights): G · (−arrow) is the map's slope.
    gram = np.array(
        [[plane.d1 @ plane.d1, plane.d1 @ plane.d2], [plane.d2 @ plane.d1, plane.d2 @ plane.d2]]
    )
    np.testing.assert_allclose(gram @ -result.downhill, slope, rtol=1e-5, atol=1e-9)
    step = 1e-3 * result.downhill / np.linalg.norm(result.downhill)
    assert on_map(a0 + step[0], b0 + step[1]) < on_map(a0, b0)
    np.testing.assert_allclose(result.next_step, 0.5 * result.downhill)


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam"])
def test_the_next_step_arrow_is_the_move_the_optimizer_would_really_make(optimizer):
    """Not η × the slope: the scheduled rate, through the trainer's own optimizer (momentum's
    velocity and Adam's moments included), for the gradient of the map's loss."""
    from app.core.training import Hyperparameters, Trainer
    from app.training.landscape_job import LandscapeRequest, compute, map_gradient

    arch = Architecture((6, 5, 4, 3))
    x, labels = sample(arch, 120, seed=4)
    hyper = Hyperparameters(
        learning_rate=0.5, batch_size=8, optimizer=optimizer, lr_schedule="step",
        lr_step_epochs=1, lr_step_factor=0.5,
    )  # fmt: skip
    trainer = Trainer(Network(arch, seed=2), x, labels, hyper)
    for _ in range(20):  # past the first epoch: the schedule has halved the rate
        trainer.step_batch()
    assert trainer.current_learning_rate < hyper.learning_rate
    i, j = arch.weight_index(2, 0, 1), arch.weight_index(2, 1, 2)
    optimizer_now = copy.copy(trainer.optimizer)
    request = LandscapeRequest(
        "weights",
        resolution=3,
        architecture=arch,
        params=trainer.network.params.copy(),
        learning_rate=trainer.current_learning_rate,
        optimizer=optimizer_now,
        selected=(i, j),
        x=x,
        labels=labels,
    )
    result = compute(request)
    g = map_gradient(arch, trainer.network.params, x, labels)
    change = copy.copy(trainer.optimizer).change(g, trainer.current_learning_rate)
    np.testing.assert_allclose(result.next_step, change[[i, j]], rtol=1e-12, atol=0)
    state_before = {k: v.copy() for k, v in trainer.optimizer.state().items()}
    for key, value in optimizer_now.state().items():  # asking it changed nothing
        np.testing.assert_array_equal(value, state_before[key])
    if optimizer == "gd":
        np.testing.assert_allclose(result.next_step, trainer.current_learning_rate * -g[[i, j]])
