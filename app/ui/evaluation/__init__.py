"""The "Evaluation" tab, one module per page; ``EvaluationView`` (view.py) composes them.

    view.py        the tab: the header (accuracy, Refresh, which set) over the pages
    per_digit.py   accuracy per digit, as bars
    confusion.py   the confusion matrix and the images of a cell
    mistakes.py    the mistakes gallery
    abstain.py     "I don't know": a confidence threshold
    robustness.py  accuracy under noise, rotation, shift and stroke width
    tiles.py       examples as tiles (image over its ten outputs), for confusion and mistakes
    common.py      colours, percentages, calm plots, the translation context

Digit pictures and ink conversions are shared with the other views: ``app.ui.images``.
"""

from app.ui.evaluation.view import EvaluationView

__all__ = ["EvaluationView"]
