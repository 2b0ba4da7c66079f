"""The house holds by construction: layers import downwards only, no import loops, small rooms.

Read from the source (``ast``), not by importing it, so a wrong import fails here even in a
module no other test imports. Only imports that run when a module is imported count
(``if TYPE_CHECKING:`` blocks and imports inside functions are left out: they cannot make a
loop at import time and are how a layer reaches upward lazily, e.g. ``app.cli`` for the window).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app"

#: What each layer may import from ``app`` (besides itself). ``app`` is the package's root
#: (version, resources), ``places`` the user's folders, ``errors`` the shared error classes.
SHARED = {"app", "app.errors", "app.places"}
ALLOWED = {
    "app.core": SHARED,
    "app.data": SHARED,
    "app.training": SHARED | {"app.core", "app.data"},
    "app.ui": SHARED | {"app.core", "app.data", "app.training"},
    "app.cli": SHARED | {"app.core", "app.data", "app.training"},
}
#: Never imported by the science: the engine runs in a notebook, a server, a plain script.
#: The data layer reads image files with Qt's decoders (QtGui), but never makes a widget.
NOT_IN_LAYER = {
    "app.core": ("PySide6", "pyqtgraph", "shiboken6"),
    "app.data": ("PySide6.QtWidgets", "pyqtgraph"),
}
MAX_LINES = 600
MAX_FUNCTION_LINES = 80


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(APP.rglob("*.py"))}


def import_time_imports(path: Path, package: str | None = None) -> set[str]:
    """Modules ``path`` imports when it is imported (absolute names); ``package`` is the
    package relative imports start from (by default the file's own, under ``app``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if package is None:
        package = module_name(path) if path.name == "__init__.py" else module_name(path.parent)
    found: set[str] = set()

    def visit(nodes) -> None:
        for node in nodes:
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    module = ".".join([*base, node.module] if node.module else base)
                else:
                    module = node.module or ""
                found.add(module)
                # ``from app.ui import i18n`` imports the module app.ui.i18n.
                found.update(f"{module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.If):
                test = node.test
                if isinstance(test, ast.Name) and test.id == "TYPE_CHECKING":
                    visit(node.orelse)
                    continue
                visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)
                for handler in node.handlers:
                    visit(handler.body)

    visit(tree.body)
    return found


def layer_of(module: str) -> str | None:
    for layer in ALLOWED:
        if module == layer or module.startswith(layer + "."):
            return layer
    return None


def app_imports(path: Path, known: dict[str, Path]) -> set[str]:
    """The ``app`` modules (that exist) among what ``path`` imports at import time."""
    return {name for name in import_time_imports(path) if name in known}


def test_every_layer_imports_only_the_layers_below_it():
    known = modules()
    wrong = []
    for name, path in known.items():
        layer = layer_of(name)
        if layer is None:
            continue
        for imported in app_imports(path, known):
            target = layer_of(imported) or imported
            if target != layer and target not in ALLOWED[layer]:
                wrong.append(f"{name} imports {imported}")
    assert wrong == []


@pytest.mark.parametrize("layer", sorted(NOT_IN_LAYER))
def test_the_science_never_imports_qt_and_the_data_never_a_widget(layer):
    banned = NOT_IN_LAYER[layer]
    wrong = [
        f"{name} imports {imported}"
        for name, path in modules().items()
        if layer_of(name) == layer
        for imported in import_time_imports(path)
        if any(imported == b or imported.startswith(b + ".") for b in banned)
    ]
    assert wrong == []


def test_no_module_of_app_imports_itself_back_through_others():
    known = modules()
    graph = {name: app_imports(path, known) - {name} for name, path in known.items()}
    # A package imports its own __init__ when any of its modules is imported; that edge is
    # Python's, not a loop of ours.
    for name, targets in graph.items():
        graph[name] = {t for t in targets if not name.startswith(t + ".")}
    loops = []
    state: dict[str, int] = {}

    def walk(node: str, stack: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                loops.append(" → ".join([*stack[stack.index(target) :], target]))
            elif target not in state:
                walk(target, [*stack, target])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            walk(name, [name])
    assert loops == []


def test_no_file_in_app_is_over_six_hundred_lines():
    long = {
        str(path.relative_to(ROOT)): n
        for path in APP.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_no_function_in_app_is_over_eighty_lines():
    long = []
    for path in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({lines})")
    assert long == []


def test_the_checks_see_a_wrong_import(tmp_path):
    """Not vacuous: a core module importing Qt and the data layer is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("import PySide6.QtCore\nfrom app.data import datasets\n")
    found = import_time_imports(bad, package="app.core")
    assert "PySide6.QtCore" in found
    assert "app.data.datasets" in found
    lazy = tmp_path / "lazy.py"
    lazy.write_text("def f():\n    import app.ui\n")
    assert import_time_imports(lazy, package="app.core") == set()


def private_reads(path: Path, root: Path = ROOT) -> list[str]:
    """``x._name`` where ``x`` is not ``self``/``cls``: reading another object's insides."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))
        ):
            found.append(f"{path.relative_to(root)}:{node.lineno} .{node.attr}")
    return found


def test_no_view_or_controller_reads_another_objects_private_fields():
    """Views and controllers talk through the host (app.ui.host) and public methods."""
    wrong = [hit for path in sorted((APP / "ui").rglob("*.py")) for hit in private_reads(path)]
    assert wrong == []


def test_the_private_read_check_sees_one(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f(window):\n    return window._snapshot, self._fine, window.__dict__\n")
    assert private_reads(bad, root=tmp_path) == ["bad.py:2 ._snapshot"]
