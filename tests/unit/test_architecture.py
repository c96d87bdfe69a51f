"""The shape of the package, read from its source without importing it (no Qt here).

- No import cycles among kapcompanion's modules (imports made only for type checking, under
  ``if TYPE_CHECKING:``, are left out: they never run).
- Only the app's entry point imports the main window: the screens it opens are given what they
  need instead, so none of them depends on it, not even for its type.
- No module is over the hard limit of lines.
- ``kapcompanion/ui`` holds feature folders only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import grimp

PACKAGE = "kapcompanion"
ROOT = Path(__file__).resolve().parents[2] / PACKAGE
MAX_LINES = 600
MAIN_WINDOW = "kapcompanion.ui.shell.main_window"


def import_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Every group of modules that import each other round in a circle (Tarjan's strongly
    connected components with more than one module, or a module importing itself)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    # An explicit stack of (module, what it imports not yet looked at), so a deep package never
    # meets Python's recursion limit.
    work: list[tuple[str, Iterator[str]]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        work.append((module, iter(sorted(graph.find_modules_directly_imported_by(module)))))

    for start in sorted(graph.modules):
        if start in index:
            continue
        visit(start)
        while work:
            module, imported = work[-1]
            following = next(imported, None)
            if following is not None:
                if following not in index:
                    visit(following)
                elif following in on_stack:
                    low[module] = min(low[module], index[following])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[module])
            if low[module] == index[module]:
                group: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == module:
                        break
                own = module in graph.find_modules_directly_imported_by(module)
                if len(group) > 1 or own:
                    cycles.append(sorted(group))
    return cycles


def runtime_graph() -> grimp.ImportGraph:
    return grimp.build_graph(PACKAGE, exclude_type_checking_imports=True, cache_dir=None)


def full_graph() -> grimp.ImportGraph:
    return grimp.build_graph(PACKAGE, cache_dir=None)


def test_the_cycle_finder_finds_circles_and_only_circles():
    graph = grimp.ImportGraph()
    for module in ("p", "p.a", "p.b", "p.c", "p.d", "p.e"):
        graph.add_module(module)
    graph.add_import(importer="p.a", imported="p.b")
    graph.add_import(importer="p.b", imported="p.c")
    graph.add_import(importer="p.c", imported="p.a")
    graph.add_import(importer="p.c", imported="p.d")
    graph.add_import(importer="p.e", imported="p.e")
    assert sorted(import_cycles(graph)) == [["p.a", "p.b", "p.c"], ["p.e"]]
    graph.remove_import(importer="p.c", imported="p.a")
    graph.remove_import(importer="p.e", imported="p.e")
    assert import_cycles(graph) == []


def test_no_modules_import_each_other_in_a_circle():
    cycles = import_cycles(runtime_graph())
    assert cycles == [], "import cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_only_the_entry_point_imports_the_main_window():
    # Counting imports made for type checking too: a screen opened by the window takes what it
    # needs as arguments (a small Protocol), never the window's own class.
    importers = full_graph().find_modules_that_directly_import(MAIN_WINDOW)
    assert importers == {"kapcompanion.app"}


def line_counts(files: Iterable[Path]) -> dict[str, int]:
    return {
        str(path.relative_to(ROOT.parent)): len(path.read_text(encoding="utf-8").splitlines())
        for path in files
    }


def test_no_module_is_over_the_line_limit():
    counts = line_counts(sorted(ROOT.rglob("*.py")))
    over = {path: lines for path, lines in counts.items() if lines > MAX_LINES}
    listing = "\n".join(f"{lines:5d}  {path}" for path, lines in sorted(over.items()))
    assert not over, f"modules over {MAX_LINES} lines:\n{listing}"


def test_ui_holds_only_feature_folders():
    ui = ROOT / "ui"
    strays = sorted(
        entry.name
        for entry in ui.iterdir()
        if entry.name not in ("__init__.py", "__pycache__")
        and not (entry.is_dir() and (entry / "__init__.py").is_file())
    )
    assert strays == [], f"kapcompanion/ui should hold feature folders only, not {strays}"
    folders = sorted(e.name for e in ui.iterdir() if e.is_dir() and e.name != "__pycache__")
    assert {"shell", "settings"} <= set(folders)
