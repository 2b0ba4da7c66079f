"""Where the user's own files live: the data folder, by the platform's rules (Qt's).

``QStandardPaths`` knows each platform's place for application data (Windows
``%LOCALAPPDATA%``, macOS ``~/Library/Application Support``, elsewhere ``$XDG_DATA_HOME`` or
``~/.local/share``), so no platform is hand-coded here. ``$BACKPROP_LAB_DATA`` overrides it
(tests, a classroom's shared drive). QtCore is imported only when asked, so ``import app`` and
the command line's ``train`` stay free of Qt until a folder is needed.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

#: The folder's name inside the platform's data place (the one this app has always used).
DATA_FOLDER_NAME = "backprop-lab"
DATA_OVERRIDE_VARIABLE = "BACKPROP_LAB_DATA"


def user_data_dir() -> Path:
    """The folder for this user's Backprop Lab data (downloads, sessions). Not created here."""
    override = os.environ.get(DATA_OVERRIDE_VARIABLE)
    if override:
        return Path(override).expanduser()
    from PySide6.QtCore import QStandardPaths

    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    return Path(base) / DATA_FOLDER_NAME if base else fallback_data_dir()


def fallback_data_dir() -> Path:
    """A place to write when the data folder cannot be written (a read-only or full home).

    The platform's temporary folder, one subfolder a user (``/tmp`` is shared on Linux). Files
    there may not survive a reboot, which is why the window says so when it uses it.
    """
    from PySide6.QtCore import QStandardPaths

    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this user id (a container, a service)
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    temp = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.TempLocation)
    return Path(temp) / f"{DATA_FOLDER_NAME}-{user}"


#: The names QSettings files its settings under (the registry on Windows, a plist on macOS,
#: ``~/.config/BackpropLab/BackpropLab.conf`` elsewhere). Set once, by ``name_application``.
ORGANIZATION = "BackpropLab"
APPLICATION = "BackpropLab"
#: The name people see (window titles, the dock); QSettings does not use it.
DISPLAY_NAME = "Backprop Lab"


def name_application() -> None:
    """Give the running Qt application its names, once, before any QSettings is made: then
    ``QSettings()`` with no arguments is this app's settings on every platform."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QGuiApplication.setApplicationDisplayName(DISPLAY_NAME)
