"""A view's empty state: a centred message until there is content, then the content."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.ui.empty_state import EmptyStateStack


@pytest.fixture
def stack(qtbot) -> EmptyStateStack:
    widget = EmptyStateStack(QLabel("the plot"))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_it_starts_with_the_message(stack):
    assert stack.showing_message
    assert stack.currentWidget() is stack.message
    assert stack.message.isVisible()
    assert not stack.content.isVisible()


def test_it_switches_between_the_message_and_the_content(stack):
    stack.show_content()
    assert not stack.showing_message
    assert stack.content.isVisible()
    stack.show_message("Waiting for the first step.")
    assert stack.showing_message
    assert stack.message.text() == "Waiting for the first step."


def test_the_message_is_centred_and_wraps(stack):
    assert stack.message.alignment() == Qt.AlignmentFlag.AlignCenter
    assert stack.message.wordWrap()
