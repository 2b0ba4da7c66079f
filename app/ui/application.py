"""Starting the window: the bundled data, the pretrained model, the worker thread."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from app import PRETRAINED_MODEL, places
from app.core.model_file import load_model_file
from app.core.network import TRAINING_DTYPE, Network
from app.core.training import Hyperparameters
from app.data.datasets import load_bundled
from app.errors import BackpropLabError
from app.training.autosave import SessionGuard
from app.training.on_data import trainer_on
from app.training.training_thread import TrainingThread
from app.training.worker import TrainingWorker
from app.ui import i18n

#: The lesson's defaults for training on from the pretrained weights: plain gradient descent.
#: η = 1, not the 3 that trains a fresh network well: the pretrained weights sit in a
#: narrower valley (Adam made them), where one epoch at η = 3 jumped the loss from 0.07 to
#: 0.34 at step 132 (the banner came up); at η = 1 three epochs went 92.2 → 93.6 % without one.
LESSON_HYPERPARAMETERS = Hyperparameters(learning_rate=1.0, batch_size=10, optimizer="gd")


def build_training(model_path=None) -> tuple[TrainingThread, str | None]:
    """The worker with the bundled data and the pretrained model (or fresh weights).

    Returns the thread (not started) and a problem to tell the user, if any.
    """
    data = load_bundled()
    problem = None
    origin = "pretrained" if model_path is None else "session"
    try:
        model = load_model_file(model_path or PRETRAINED_MODEL)
        # Trained in float32 like a fresh network (the file's float64 weights rounded once);
        # the watch lets the short spikes of a run at η = 3 pass (divergence.MIN_SPAN).
        network = model.network(TRAINING_DTYPE)
    except BackpropLabError as exc:
        origin = "random"
        #: Shown after the reason the pretrained model could not be loaded.
        problem = f"{exc}\n" + QCoreApplication.translate(
            "Application", "Starting from random weights instead."
        )
        network = Network(seed=0, dtype=TRAINING_DTYPE)
    worker = TrainingWorker(trainer_on(data, network, LESSON_HYPERPARAMETERS), data.name, origin)
    return TrainingThread(worker), problem


def run_window(argv: list[str] | None = None, lesson: str | None = None) -> int:
    from app.ui.guided_tour import GuidedTour
    from app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    places.name_application()
    settings = QSettings()
    # Before any text is made: the menu's choice, else the system's language.
    i18n.install_language(i18n.startup_language(settings), app)
    title = QCoreApplication.translate("Application", "Backprop Lab")
    try:
        training, problem = build_training()
    except BackpropLabError as exc:
        QMessageBox.critical(None, title, str(exc))
        return 1
    guard = SessionGuard()
    crashed = guard.begin()
    window = MainWindow(training, settings, guard)
    window.show()
    training.start()
    if problem:
        QMessageBox.warning(window, title, problem)
    window.begin_session(crashed)
    if lesson is not None:
        open_lesson_named(window, lesson)
    # Here, not in the window: a window made by a test or a notebook never starts a tour.
    elif GuidedTour.should_start(settings):
        window.tour.start()
    return app.exec()


def open_lesson_named(window, name: str) -> bool:
    """``--lesson NAME|FILE``: a shipped lesson by name, or a lesson file, on the stage."""
    from app.core.lesson_file import find_lesson

    try:
        path = find_lesson(name)
    except BackpropLabError as exc:
        title = QCoreApplication.translate("Application", "Backprop Lab")
        QMessageBox.warning(window, title, str(exc))
        return False
    return window.menus.open_lesson(path)
