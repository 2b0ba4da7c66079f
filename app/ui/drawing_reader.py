"""The drawing, read as you draw: the pad's canvas (or an example shown as if drawn) through
a forward pass with the weights on screen, into the answer panel and the graph's input.

Reading happens on the GUI thread with a read-only copy of the latest weights (one forward
pass, ~1 ms, no training), so the class sees the answer improve while training runs. The
canvas is preprocessed once per drawing; new weights only need a new forward pass.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject

from app.core.network import Network
from app.data.preprocess import preprocess_digit
from app.training.snapshot import InputView
from app.ui.host import ViewHost
from app.ui.prediction_view import read_digit


class DrawingReader(QObject):
    """``lab`` gives the neuron lab's edited weights while it is open (``lab_network`` and
    ``lab_snapshot``); ``lesson_active()`` says whether the step-through owns the graph."""

    def __init__(
        self, host: ViewHost, graph, prediction, lab, lesson_active: Callable[[], bool]
    ) -> None:
        super().__init__()
        self.host = host
        self.graph = graph
        self.prediction = prediction
        self.lab = lab
        self.lesson_active = lesson_active
        self._canvas = None
        self._image: np.ndarray | None = None
        self._network: Network | None = None
        self._network_serial = -1

    def current_network(self) -> Network | None:
        """A read-only-weights copy of the latest snapshot's network, for reading drawings
        (the neuron lab's edited copy while the lab is open)."""
        snap = self.host.current_snapshot()
        if snap is None:
            return None
        lab = self.lab.lab_network(snap)
        if lab is not None:
            return lab
        if self._network_serial != snap.serial:
            self._network = Network(snap.architecture, params=snap.params)
            self._network_serial = snap.serial
        return self._network

    def drawing_changed(self, canvas) -> None:
        self.host.hold_frame()
        self._canvas = canvas
        self._image = preprocess_digit(canvas)
        # While training runs the graph keeps its own pace (the next frame shows this drawing):
        # repainting every edge for every mouse move as well held the window up.
        snap = self.host.current_snapshot()
        self.read(with_graph=snap is None or not snap.running)

    def classify(self, canvas) -> InputView | None:
        """Read ``canvas`` with the latest weights (tests call this directly)."""
        self.drawing_changed(canvas)
        return self.prediction.current_view()

    def show_example(self, image: np.ndarray) -> None:
        """An example (``image`` (28, 28) float in [0, 1]) shown as if drawn."""
        self._canvas = "example"
        self._image = np.asarray(image, dtype=np.float64)
        self.read()

    def new_snapshot(self, snap) -> None:
        """The graph was redrawn with new weights: reread the drawing, or show the snapshot's
        own example in the graph's input when nothing is drawn."""
        if self._canvas is not None:
            self.read()
        else:
            self.graph.set_input_view(snap.input_view)

    def lab_weights_changed(self) -> None:
        self._network_serial = -1  # current_network() must pick the lab's weights up
        snap = self.host.current_snapshot()
        if self._image is not None:
            self.read()
        elif snap is not None:
            self.graph.set_input_view(snap.input_view)

    def read(self, with_graph: bool = True) -> None:
        network = self.current_network()
        if network is None:
            return
        view = None if self._image is None else read_digit(self._image, network)
        self.prediction.show_prediction(view)
        if not with_graph or self.lesson_active():
            return
        if view is None:
            self._canvas = None
            snap = self.host.current_snapshot()
            self.graph.set_input_view(snap.input_view if snap else None)
        else:
            self.graph.set_input_view(view)
