"""What the hover card says about a neuron or an edge: rich text from plain functions.

Each function reads the layout and the numbers it is given and returns the card's text, its
lines joined by ``<br>``, the first in bold. The texts are translated with the context of the
view they were written in, "NetworkGraphView", so the catalogue keeps one entry per text
(lupdate finds only literal ``translate`` calls, hence the repetition).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication

from app.core.lesson import LessonFrame, LessonStep
from app.training.snapshot import InputView, Snapshot
from app.ui.graph.layout import IMAGE_PIXELS, GraphLayout


def number(value: float) -> str:
    """Four significant digits, with a true minus sign."""
    return f"{float(value):.4g}".replace("-", "−")


def layer_name(layout: GraphLayout, layer: int) -> str:
    last = len(layout.columns) - 1
    if layer == 0:
        return QCoreApplication.translate("NetworkGraphView", "Input")
    if layer == last:
        return QCoreApplication.translate("NetworkGraphView", "Output")
    if last == 2:
        return QCoreApplication.translate("NetworkGraphView", "Hidden layer")
    return QCoreApplication.translate("NetworkGraphView", "Hidden layer {n}").format(n=layer)


def _is_digit_output(layout: GraphLayout, layer: int) -> bool:
    return layer == len(layout.columns) - 1 and layout.architecture.layer_sizes[-1] == 10


def node_title(layout: GraphLayout, layer: int, neuron: int) -> str:
    """A neuron's name: an input pixel by its row and column, an output by its digit."""
    if layer == 0 and layout.image_rect is not None:
        row, col = divmod(neuron, IMAGE_PIXELS)
        return QCoreApplication.translate(
            "NetworkGraphView", "Input pixel {i} (row {r}, column {c})"
        ).format(i=neuron, r=row, c=col)
    if _is_digit_output(layout, layer):
        return QCoreApplication.translate("NetworkGraphView", "Output: digit {d}").format(d=neuron)
    return QCoreApplication.translate("NetworkGraphView", "{layer} · neuron {i}").format(
        layer=layer_name(layout, layer), i=neuron
    )


def end_name(layout: GraphLayout, layer: int, neuron: int) -> str:
    """The short name of an edge's end: pixel (r, c), digit d, or layer #i."""
    if layer == 0 and layout.image_rect is not None:
        row, col = divmod(neuron, IMAGE_PIXELS)
        return QCoreApplication.translate("NetworkGraphView", "pixel ({r}, {c})").format(
            r=row, c=col
        )
    if _is_digit_output(layout, layer):
        return QCoreApplication.translate("NetworkGraphView", "digit {d}").format(d=neuron)
    return QCoreApplication.translate("NetworkGraphView", "{layer} #{i}").format(
        layer=layer_name(layout, layer), i=neuron
    )


def _edge_heading(layout: GraphLayout, layer: int, e: int) -> list[str]:
    """The weight's name in bold, then which neuron feeds which."""
    edges = layout.edges[layer]
    index = int(edges.flat_index[e])
    source = end_name(layout, layer, int(edges.from_neuron[e]))
    target = end_name(layout, layer + 1, int(edges.to_neuron[e]))
    return [f"<b>{layout.architecture.parameter_name(index)}</b>", f"{source} → {target}"]


def node_text(
    layout: GraphLayout,
    layer: int,
    neuron: int,
    view: InputView | None,
    snapshot: Snapshot | None,
) -> str:
    """A neuron's value a and weighted sum z for ``view``'s input, and its bias b."""
    architecture = layout.architecture
    lines = ["<b>" + node_title(layout, layer, neuron) + "</b>"]
    if view is None:
        lines.append(QCoreApplication.translate("NetworkGraphView", "no input to show"))
    else:
        value = np.asarray(view.activations[layer]).reshape(-1)[neuron]
        lines.append(
            QCoreApplication.translate("NetworkGraphView", "value a = {v}").format(v=number(value))
        )
        if layer > 0:
            z = np.asarray(view.weighted_sums[layer]).reshape(-1)[neuron]
            lines.append(
                QCoreApplication.translate("NetworkGraphView", "weighted sum z = {v}").format(
                    v=number(z)
                )
            )
    if layer > 0 and snapshot is not None:
        bias = snapshot.params[architecture.bias_index(layer - 1, neuron)]
        lines.append(
            QCoreApplication.translate("NetworkGraphView", "bias b = {v}").format(v=number(bias))
        )
    return "<br>".join(lines)


def node_inset(
    layout: GraphLayout, layer: int, neuron: int, snapshot: Snapshot | None
) -> tuple[np.ndarray | None, str]:
    """A first hidden neuron's incoming weights as the (28, 28) picture of what it looks for,
    and the inset's caption; ``(None, "")`` for any other neuron."""
    if layer != 1 or snapshot is None or layout.image_rect is None:
        return None, ""
    architecture = layout.architecture
    start = architecture.offsets[0][0] + neuron * architecture.layer_sizes[0]
    weights = snapshot.params[start : start + architecture.layer_sizes[0]]
    caption = QCoreApplication.translate("NetworkGraphView", "What it looks for: blue +, orange −")
    return weights.reshape(IMAGE_PIXELS, IMAGE_PIXELS), caption


def edge_text(layout: GraphLayout, layer: int, e: int, snapshot: Snapshot | None) -> str:
    """Drawn edge ``e`` of weight layer ``layer``: its weight, last gradient and change."""
    index = int(layout.edges[layer].flat_index[e])
    lines = _edge_heading(layout, layer, e)
    if snapshot is not None:
        weight = number(snapshot.params[index])
        lines.append(QCoreApplication.translate("NetworkGraphView", "weight {v}").format(v=weight))
        if snapshot.gradient is None:
            lines.append(QCoreApplication.translate("NetworkGraphView", "no step yet"))
        else:
            gradient = number(snapshot.gradient[index])
            lines.append(
                QCoreApplication.translate("NetworkGraphView", "last gradient {v}").format(
                    v=gradient
                )
            )
            if snapshot.change is not None:
                change = number(snapshot.change[index])
                lines.append(
                    QCoreApplication.translate("NetworkGraphView", "last change {v}").format(
                        v=change
                    )
                )
    click = QCoreApplication.translate("NetworkGraphView", "click to choose")
    lines.append(f'<span style="color:#505050">{click}</span>')
    return "<br>".join(lines)


def _nudge_lines(step: LessonStep, layer: int, neuron: int) -> list[str]:
    nudge = float(step.nudges[layer][0, neuron])
    lines = [
        QCoreApplication.translate("NetworkGraphView", "nudge dC/da = {v}").format(v=number(nudge))
    ]
    if nudge < 0:
        lines.append(
            QCoreApplication.translate(
                "NetworkGraphView", "the loss falls if it grows: it should go up"
            )
        )
    elif nudge > 0:
        lines.append(
            QCoreApplication.translate(
                "NetworkGraphView", "the loss grows if it grows: it should go down"
            )
        )
    return lines


def lesson_node_text(
    layout: GraphLayout, layer: int, neuron: int, step: LessonStep, frame: LessonFrame
) -> str:
    """The lesson example's numbers for this neuron: z, b, a, and its nudge once known."""
    architecture = step.architecture
    lines = ["<b>" + node_title(layout, layer, neuron) + "</b>"]
    if len(step.labels) > 1:
        lines.append(
            QCoreApplication.translate("NetworkGraphView", "for the batch's first example")
        )
    if layer < frame.known_activations:
        if layer > 0:
            z = number(step.weighted_sums[layer][0, neuron])
            bias = number(step.params_before[architecture.bias_index(layer - 1, neuron)])
            lines.append(
                QCoreApplication.translate(
                    "NetworkGraphView", "weighted sum z = Σ w·a + b = {v}"
                ).format(v=z)
            )
            lines.append(
                QCoreApplication.translate("NetworkGraphView", "bias b = {v}").format(v=bias)
            )
        value = number(step.activations[layer][0, neuron])
        lines.append(
            QCoreApplication.translate("NetworkGraphView", "value a = {v}").format(v=value)
        )
    else:
        lines.append(QCoreApplication.translate("NetworkGraphView", "not computed yet: press Next"))
    if layer in frame.nudged_layers:
        lines += _nudge_lines(step, layer, neuron)
    if layer == len(layout.columns) - 1 and frame.error_shown:
        target = number(step.targets[0, neuron])
        lines.append(
            QCoreApplication.translate("NetworkGraphView", "target y = {v}").format(v=target)
        )
    if frame.substep.kind == "update" and layer > 0:
        bias = number(step.params_after[architecture.bias_index(layer - 1, neuron)])
        lines.append(
            QCoreApplication.translate("NetworkGraphView", "new bias = {v}").format(v=bias)
        )
    return "<br>".join(lines)


def lesson_edge_text(
    layout: GraphLayout, layer: int, e: int, step: LessonStep, frame: LessonFrame
) -> str:
    """The lesson step's numbers for this edge: its weight, its gradient once known, and
    its change and new value at the update."""
    index = int(layout.edges[layer].flat_index[e])
    lines = _edge_heading(layout, layer, e)
    weight = number(step.params_before[index])
    lines.append(QCoreApplication.translate("NetworkGraphView", "weight {v}").format(v=weight))
    if layer + 1 in frame.gradient_layers:
        gradient = number(step.gradient[index])
        lines.append(
            QCoreApplication.translate("NetworkGraphView", "gradient dC/dw = {v}").format(
                v=gradient
            )
        )
    else:
        lines.append(QCoreApplication.translate("NetworkGraphView", "gradient: not known yet"))
    if frame.substep.kind == "update":
        change, after = number(step.change[index]), number(step.params_after[index])
        lines.append(QCoreApplication.translate("NetworkGraphView", "change {v}").format(v=change))
        lines.append(
            QCoreApplication.translate("NetworkGraphView", "new weight {v}").format(v=after)
        )
    return "<br>".join(lines)
