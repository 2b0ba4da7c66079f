"""The README tells the truth: its numbers are computed, its example runs, its commands match CI."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

from app.core.network import Architecture

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_parameter_count_in_the_readme_is_the_engines():
    assert f"**{Architecture().n_parameters:,} weights and biases**" in README


def test_the_notebook_example_runs():
    block = re.search(r"```python\n(.*?)```", README, re.S)
    assert block, "the README has no python example"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block.group(1), "README.md", "exec"), {})
    text = out.getvalue()
    assert "13002" in text
    assert "4. change = (0.01, 0.02)" in text
    assert "5. new (w1, w2) = (0.51, 0.22)" in text


def test_ci_runs_the_readme_test_command_word_for_word():
    commands = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    test_command = next(c for c in commands if "pytest" in c)
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
