"""How fast the GUI thread gets the interpreter back from a training loop that never sleeps.

Python runs one thread at a time. A thread that wants the interpreter waits Python's switch
interval and then makes the running one hand it over; nobody waiting, nobody yields. So a loop
that trains flat out costs the GUI nothing while the GUI is idle, and at most one interval
each time the GUI needs the interpreter (a timer, a paint calling back into Python, a stroke).
The default interval, 5 ms, is long next to a frame; ``quick_handover`` shortens it while a
training loop runs, and puts back what was there when the last one ends.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Iterator

#: The switch interval while training runs. 1 ms: with Python's 5 ms the GUI waited up to 5 ms
#: at every return from Qt into Python between frames (GUI lateness, see issue 19's note).
HANDOVER_S = 0.001

_lock = threading.Lock()
_running = 0
_before = sys.getswitchinterval()


@contextlib.contextmanager
def quick_handover() -> Iterator[None]:
    """While inside (in any number of threads at once), the switch interval is at most
    ``HANDOVER_S``; afterwards it is what it was before the first one entered."""
    global _running, _before
    with _lock:
        if _running == 0:
            _before = sys.getswitchinterval()
            sys.setswitchinterval(min(_before, HANDOVER_S))
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0:
                sys.setswitchinterval(_before)
