"""Training controls: play, step, reset, speed, and every hyperparameter; one module per box,
``ControlsPanel`` (panel.py) composes them.

    panel.py            the column of boxes; builds and sends the hyperparameters (``_change``)
    run_box.py          Play/Pause, Step and its granularity, the speed limit, Reset
    hyper_box.py        the learning rate (a log slider), the batch size, the optimizer
    network_box.py      the activation, the loss, the hidden layers' sizes
    experiments_box.py  folded at first: weight decay, the learning-rate schedule, and data
                        augmentation with a preview of one image moved by the current ranges
    common.py           form labels, combo items, spins, the translation context

The panel sends commands (``command_requested``); it never touches the model. A change of
layer sizes resets the weights, so it goes out as ``architecture_change_requested`` for the
window to confirm with the teacher first, and so does Reset (``reset_requested``). Every
hyperparameter change goes out as the same ``SetHyperparameters`` command, so it applies at
the next step.
"""

from app.ui.controls.experiments_box import (
    DECAY_LOWEST,
    PREVIEW_COPIES,
    PREVIEW_SIDE,
    DecaySpinBox,
    ExperimentsBox,
)
from app.ui.controls.hyper_box import (
    LR_MAX_LOG,
    LR_MIN_LOG,
    LR_TICKS,
    HyperparametersBox,
    lr_to_tick,
    tick_to_lr,
)
from app.ui.controls.network_box import MAX_HIDDEN_LAYERS, MAX_NEURONS, NetworkBox
from app.ui.controls.panel import ACTION_KEYS, ControlsPanel
from app.ui.controls.run_box import DEFAULT_SPEED, SPEEDS, RunBox

__all__ = [
    "ACTION_KEYS",
    "DECAY_LOWEST",
    "DEFAULT_SPEED",
    "LR_MAX_LOG",
    "LR_MIN_LOG",
    "LR_TICKS",
    "MAX_HIDDEN_LAYERS",
    "MAX_NEURONS",
    "PREVIEW_COPIES",
    "PREVIEW_SIDE",
    "SPEEDS",
    "ControlsPanel",
    "DecaySpinBox",
    "ExperimentsBox",
    "HyperparametersBox",
    "NetworkBox",
    "RunBox",
    "lr_to_tick",
    "tick_to_lr",
]
