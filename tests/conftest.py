"""Fixtures shared across test files.

``mirror`` serves small MNIST-named IDX files from a local HTTP server on 127.0.0.1 (see
tests/test_download.py); the window's download test uses it too.
"""

from tests.test_download import generated, mirror  # noqa: F401 (fixtures, re-exported)
