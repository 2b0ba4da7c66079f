"""The orange banner above the views: a divergence (with one click back to the weights from
before it) or a failure the worker reported. It stays until the teacher hides it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QWidget

from app.core.divergence import WEIGHT_LIMIT, Explosion


class MessageBanner(QWidget):
    """``restore_requested`` asks for the weights kept from before the explosion."""

    restore_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.label = QLabel()
        self.label.setWordWrap(True)
        # No font in the stylesheet: a stylesheet font ignores presenter mode's larger one.
        self.label.setStyleSheet("background: #e66101; color: white; padding: 8px;")
        self.restore = QPushButton()
        self.restore.clicked.connect(self._restore)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.dismiss)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.restore)
        row.addWidget(self.close_button)
        self.explosion: Explosion | None = None
        self._seen_in_snapshot = False
        self.restore.hide()
        self.hide()
        self.retranslate_ui()
        self.apply_theme()

    def retranslate_ui(self) -> None:
        self.close_button.setText(self.tr("OK"))
        self.close_button.setToolTip(self.tr("Hide this message"))
        self.restore.setToolTip(
            self.tr(
                "Go back to the weights from before the loss exploded; training stays paused. "
                "Then try a smaller learning rate."
            )
        )
        if self.explosion is not None and self.restore.isVisibleTo(self):
            self.show_explosion(self.explosion)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def apply_theme(self) -> None:
        """Presenter mode changed the fonts: the banner's bold follows the application font."""
        font = QFont(QApplication.font())
        font.setBold(True)
        self.label.setFont(font)

    @Slot(object)
    def show_explosion(self, explosion: Explosion) -> None:
        self.explosion = explosion
        self._seen_in_snapshot = False
        self.show_message(self.explosion_text(explosion))
        self.restore.setText(
            self.tr("Restore the weights from step %1").replace("%1", f"{explosion.kept_step:,}")
        )
        self.restore.show()

    def show_snapshot(self, snapshot) -> None:
        """An explosion on show goes once the watch has restarted (a reset, an activation
        switch, a restore, new data): it no longer describes the network on screen."""
        if snapshot.explosion is not None:
            self._seen_in_snapshot = True  # from now on a snapshot without it means a restart
        elif self.explosion is not None and self._seen_in_snapshot and self.restore.isVisible():
            # Not on a snapshot older than the explosion (the signal can overtake it).
            self.explosion = None
            self.dismiss()

    def explosion_text(self, explosion: Explosion) -> str:
        if explosion.cause == "weights":
            what = (
                self.tr(
                    "the weights exploded at step %1 (the largest reached %2; a healthy "
                    "network keeps them below %3)."
                )
                .replace("%1", f"{explosion.step:,}")
                .replace("%2", f"{explosion.weight_size:.3g}")
                .replace("%3", f"{WEIGHT_LIMIT:g}")
            )
            return self.tr(
                "The learning rate is too large: %1 Training paused. Lower the learning rate, "
                "or restore the weights from before it happened."
            ).replace("%1", what)
        if explosion.overflow:
            what = self.tr("the loss exploded at step %1 (the numbers overflowed).")
        else:
            what = self.tr("the loss exploded at step %1 (from %2 to %3 on a fixed sample).")
        what = (
            what.replace("%1", f"{explosion.step:,}")
            .replace("%2", f"{explosion.best_loss:.3g}")
            .replace("%3", f"{explosion.loss:.3g}")
        )
        return (
            self.tr("The learning rate is too large: %1 Training paused. Lower the learning rate, "
                    "or restore the weights from before it happened.").replace("%1", what)
        )  # fmt: skip

    @Slot(str)
    def show_failure(self, message: str) -> None:
        self.restore.hide()
        self.show_message(message)

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self.show()

    @Slot()
    def dismiss(self) -> None:
        self.hide()
        self.restore.hide()

    @Slot()
    def _restore(self) -> None:
        self.restore_requested.emit()
        self.dismiss()
