"""The switch interval is short while a training loop runs, and what it was afterwards."""

from __future__ import annotations

import sys

from app.training.handover import HANDOVER_S, quick_handover


def test_the_interval_is_short_while_training_runs_and_restored_after_the_last_loop_ends():
    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.004)
        with quick_handover():
            assert sys.getswitchinterval() <= HANDOVER_S * 1.01
            with quick_handover():  # a second window's training loop
                assert sys.getswitchinterval() <= HANDOVER_S * 1.01
            assert sys.getswitchinterval() <= HANDOVER_S * 1.01  # the first still runs
        assert abs(sys.getswitchinterval() - 0.004) < 1e-6
    finally:
        sys.setswitchinterval(before)


def test_a_shorter_interval_set_by_the_caller_is_kept():
    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(HANDOVER_S / 4)
        with quick_handover():
            assert sys.getswitchinterval() <= HANDOVER_S / 4 * 1.01
        assert abs(sys.getswitchinterval() - HANDOVER_S / 4) < 1e-7
    finally:
        sys.setswitchinterval(before)


def test_an_error_inside_still_restores_the_interval():
    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.003)
        try:
            with quick_handover():
                raise KeyError("a loop that fails")
        except KeyError:
            pass
        assert abs(sys.getswitchinterval() - 0.003) < 1e-6
    finally:
        sys.setswitchinterval(before)
