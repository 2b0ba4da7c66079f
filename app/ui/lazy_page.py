"""A tab page whose view is built the first time the page is shown.

The desktop's tabs hold nine pages and a class sees two of them at start: building the
hidden ones (layer health, the evaluation, the points map, the training data, the neuron lab)
in the window's ``__init__`` took about 120 ms of a 1.05 s launch (cProfile of
``MainWindow(...)``; benchmarks/startup_time.py). A ``LazyPage`` stands in their tab and asks
its factory for the view on its first ``showEvent`` (or when ``build()`` is called): a view
the factory made earlier for someone else (``LookInside`` makes each on first use) is the
same instance, placed in the page then — or at once, when its maker calls ``build()`` (the
desktop's window does on ``LookInside.view_made``: a view without a parent would be Python's
to delete, maybe in another thread, not the window's).

    tab ──shown──▶ LazyPage.showEvent ──first time──▶ factory() ──▶ view in the page's layout
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyPage(QWidget):
    """A page holding the view ``factory()`` returns, asked for on the first show.

    ``is_built`` says whether the view is in the page yet; ``view`` is it (None before).
    """

    def __init__(self, factory: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._view: QWidget | None = None
        self._building = False
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def is_built(self) -> bool:
        return self._view is not None

    @property
    def view(self) -> QWidget | None:
        return self._view

    def build(self) -> QWidget | None:
        """The page's view, asked for and placed in the page the first time (None when asked
        again while its factory runs: the factory's own view is the one placed)."""
        if self._view is None and not self._building:
            self._building = True
            try:
                view = self._factory()
            finally:
                self._building = False
            self._view = view
            self._layout.addWidget(view)
            if self.isVisible():
                # Qt would show a widget added to a shown parent only later (a queued call):
                # shown now, it is on screen for whoever looks as this tab comes forward.
                view.show()
        return self._view

    def showEvent(self, event) -> None:
        self.build()
        super().showEvent(event)
