"""The window's languages: English (the source texts) and Traditional Chinese (繁體中文).

Every visible text in ``app/ui`` goes through Qt's translation system (``self.tr`` or
``QCoreApplication.translate``); ``app/resources/translations/backprop_lab_zh_TW.ts`` holds the
translations and the shipped ``.qm`` is compiled from it (``scripts/update_translations.py``).
``install_language`` swaps the translators on the running application; Qt then sends every
widget a ``LanguageChange`` event and each one sets its texts again (``retranslate_ui``), so
the language switches without a restart.

The language at start: the one chosen in View → Language (QSettings key ``"language"``), or
else the one that suits the system locale (``language_for_locale``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from app import RESOURCES_DIR

TRANSLATIONS_DIR = RESOURCES_DIR / "translations"
#: The catalogue's file names are ``backprop_lab_<language>.ts`` and ``.qm``.
CATALOG = "backprop_lab"
ENGLISH = "en"
CHINESE_TRADITIONAL = "zh_TW"
#: Every language the app has, each named in its own language (the menu shows these names
#: untranslated, so a teacher can find their own language whatever is shown now).
LANGUAGES: dict[str, str] = {ENGLISH: "English", CHINESE_TRADITIONAL: "繁體中文"}
SETTINGS_KEY = "language"

#: Activation functions by their names in the literature, the same in every language (the
#: controls list them so, and the hints name them so; the code's "relu" is never shown).
ACTIVATION_NAMES: dict[str, str] = {"sigmoid": "sigmoid", "relu": "ReLU", "tanh": "tanh"}

_translators: list[QTranslator] = []
_current = ENGLISH


def qm_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"{CATALOG}_{language}.qm"


def ts_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"{CATALOG}_{language}.ts"


def available_languages() -> dict[str, str]:
    """Language code → its own name: English, and every language whose ``.qm`` is there."""
    return {
        code: name for code, name in LANGUAGES.items() if code == ENGLISH or qm_path(code).exists()
    }


def language_for_locale(locale: QLocale) -> str:
    """The app's language for a system locale.

    Chinese written in Traditional characters (zh_TW, zh_HK, zh_MO, any zh_Hant-*) gets
    繁體中文; everything else gets English. Simplified Chinese (zh_CN, zh_SG, zh_Hans-*) gets
    English too: the app has no Simplified translation, a mainland classroom expects
    Simplified characters and mainland terms (e.g. 偏置 for bias, 激活函数 for activation
    function), and View → Language offers 繁體中文 in one click for anyone who prefers it.
    """
    if locale.language() != QLocale.Language.Chinese:
        return ENGLISH
    script = locale.script()
    if script == QLocale.Script.TraditionalHanScript:
        return CHINESE_TRADITIONAL
    if script == QLocale.Script.SimplifiedHanScript:
        return ENGLISH
    traditional = (QLocale.Country.Taiwan, QLocale.Country.HongKong, QLocale.Country.Macao)
    return CHINESE_TRADITIONAL if locale.territory() in traditional else ENGLISH


def saved_language(settings: QSettings) -> str | None:
    """The language chosen in the menu and saved, if it is one the app has."""
    value = settings.value(SETTINGS_KEY)
    return value if isinstance(value, str) and value in available_languages() else None


def startup_language(settings: QSettings, locale: QLocale | None = None) -> str:
    """The saved choice, else the language for ``locale`` (the system's by default)."""
    saved = saved_language(settings)
    if saved is not None:
        return saved
    chosen = language_for_locale(locale if locale is not None else QLocale.system())
    return chosen if chosen in available_languages() else ENGLISH


def current_language() -> str:
    return _current


def install_language(language: str, app: QCoreApplication | None = None) -> str:
    """Show every text in ``language`` from now on; returns the language now shown.

    Removes the translators installed before, then installs the app's catalogue and Qt's own
    (``qtbase_*``: the buttons of message boxes, file dialogs, context menus). English needs
    none: it is the source language. A language whose ``.qm`` cannot be loaded falls back to
    English. Qt posts a ``LanguageChange`` event to every window, and the widgets set their
    texts again.
    """
    global _current
    app = app or QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs a QApplication")
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    _current = ENGLISH
    if language == ENGLISH or language not in LANGUAGES:
        return _current
    translator = QTranslator(app)
    if not translator.load(str(qm_path(language))):
        return _current
    app.installTranslator(translator)
    _translators.append(translator)
    qt_translator = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_translator)
        _translators.append(qt_translator)
    _current = language
    return _current


def set_language(language: str, settings: QSettings | None = None) -> str:
    """``install_language``, and remember the choice in ``settings`` for the next start."""
    shown = install_language(language)
    if settings is not None:
        settings.setValue(SETTINGS_KEY, shown)
    return shown


#: Sentence ends after which Chinese writing leaves no space.
_FULL_WIDTH_ENDS = "。！？：；」）"


def join_sentences(sentences: list[str]) -> str:
    """Sentences as one paragraph: a space after each English sentence, none after a Chinese
    one (a translated sentence ends in a full-width mark, and a space there reads as a gap)."""
    out = ""
    for sentence in sentences:
        if out and not out.endswith(tuple(_FULL_WIDTH_ENDS)):
            out += " "
        out += sentence
    return out
