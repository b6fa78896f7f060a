"""How the code is laid out: the engine is plain Python, rooms lean on the core, no import goes in a circle."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_the_ladder_imports_without_django():
    # Poisoning sys.modules makes any `import django...` fail, as if Django were not installed.
    code = (
        "import sys\n"
        "for name in ('django', 'scoping'):\n"
        "    sys.modules[name] = None\n"
        "from decisions.ladder import Facts, recommend\n"
        "import decisions.matrix, decisions.costs, decisions.budget, decisions.changes\n"
        "print(recommend(Facts(needs_private_knowledge=True, multi_tenant=True)).approach)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)

    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "rag"


def test_no_pure_module_names_django_or_scoping():
    for module in ("__init__.py", "ladder.py", "matrix.py", "costs.py", "budget.py", "changes.py"):
        tree = ast.parse((ROOT / "decisions" / module).read_text())
        imported = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names] + [
            node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
        ]
        assert not [name for name in imported if name.split(".")[0] in {"django", "scoping"}], module


PACKAGES = ("config", "decisions", "scoping")
ROOMS = ("scoping.intake", "scoping.review", "scoping.memo")
# The shared core of the domain. URLs, the admin hook, template tags and commands wire the rooms
# together and may name them; the core itself does not.
CORE = ("scoping.models", "scoping.services", "scoping.access", "scoping.emails", "scoping.tasks",
        "scoping.events", "scoping.deadlines", "scoping.steps", "scoping.text", "scoping.lifecycle",
        "scoping.team", "scoping.site", "scoping.outbox")  # fmt: skip
# What the memo room offers the others: its content and its PDF. Nothing else crosses between rooms.
MEMO_SURFACE = ("scoping.memo.content", "scoping.memo.pdf")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    }


def _runtime_imports(tree: ast.Module) -> list[str]:
    """Every module named by an import that runs (imports under `if TYPE_CHECKING:` do not)."""
    skipped = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and ast.unparse(block.test).endswith("TYPE_CHECKING")
        for statement in block.body
        for node in ast.walk(statement)
    }
    names = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names += [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
    return names


def import_graph() -> dict[str, set[str]]:
    """Our modules and the modules of ours each one imports when it runs."""
    modules = _modules()
    return {
        name: {imported for imported in _runtime_imports(ast.parse(path.read_text())) if imported in modules} - {name}
        for name, path in modules.items()
    }


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle, as the modules around it, or None."""
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> list[str] | None:
        if module in path:
            return [*path[path.index(module) :], module]
        if module in done:
            return None
        for imported in sorted(graph[module]):
            if cycle := visit(imported, [*path, module]):
                return cycle
        done.add(module)
        return None

    return next((cycle for module in sorted(graph) if (cycle := visit(module, []))), None)


def test_the_finder_sees_a_circle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_circle_anywhere():
    assert find_cycle(import_graph()) is None


def _room(module: str) -> str | None:
    return next((room for room in ROOMS if module == room or module.startswith(room + ".")), None)


@pytest.mark.parametrize("module", [name for name in sorted(import_graph()) if _room(name) or name in CORE])
def test_rooms_lean_on_the_core_not_on_each_other(module):
    own = _room(module)
    for imported in import_graph()[module]:
        other = _room(imported)
        if other is not None and other != own:
            assert imported in MEMO_SURFACE, f"{module} imports {imported}"
