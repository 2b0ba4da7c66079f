"""The banner tells the truth about an explosion, and goes when it no longer applies."""

from __future__ import annotations

from types import SimpleNamespace

from app.core.divergence import WEIGHT_LIMIT, Explosion
from app.ui.message_banner import MessageBanner


def test_weights_that_exploded_are_called_that_with_their_size(qtbot):
    banner = MessageBanner()
    qtbot.addWidget(banner)
    explosion = Explosion(120, 2.1, 0.3, 100, cause="weights", weight_size=3.5e5)
    banner.show_explosion(explosion)
    text = banner.label.text()
    assert "weights exploded at step 120" in text
    assert "3.5e+05" in text
    assert f"{WEIGHT_LIMIT:g}" in text
    assert "from 0.3" not in text  # the loss did not jump: not what it says


def test_the_banner_goes_once_the_watch_has_restarted(qtbot):
    banner = MessageBanner()
    qtbot.addWidget(banner)
    banner.show()
    banner.show_explosion(Explosion(50, 9.0, 0.2, 40))
    assert banner.restore.isVisible()
    banner.show_snapshot(SimpleNamespace(explosion=None))  # older than the explosion
    assert banner.isVisible()
    banner.show_snapshot(SimpleNamespace(explosion=Explosion(50, 9.0, 0.2, 40)))
    assert banner.isVisible()  # still the same explosion
    banner.show_snapshot(SimpleNamespace(explosion=None))  # a reset or an activation switch
    assert not banner.isVisible()
    assert banner.explosion is None


def test_a_failure_message_stays_whatever_the_snapshots_say(qtbot):
    banner = MessageBanner()
    qtbot.addWidget(banner)
    banner.show()
    banner.show_failure("bad.npz: not a model file")
    banner.show_snapshot(SimpleNamespace(explosion=None))
    assert banner.isVisible()
    assert "bad.npz" in banner.label.text()
