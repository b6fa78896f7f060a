"""How the code is laid out: the engine is plain Python, rooms lean on the core, no import goes in a circle."""

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The decision engine's plain-Python modules: no Django, no scoping (its Django glue sits beside them).
PURE_ENGINE = ("ladder", "matrix", "costs", "budget", "changes", "scope", "assessment")


def test_the_ladder_imports_without_django():
    # Poisoning sys.modules makes any `import django...` fail, as if Django were not installed.
    code = (
        "import sys\n"
        "for name in ('django', 'scoping'):\n"
        "    sys.modules[name] = None\n"
        "from decisions.ladder import Facts, recommend\n"
        + "".join(f"import decisions.{module}\n" for module in PURE_ENGINE)
        + "print(recommend(Facts(needs_knowledge=True, multi_tenant=True)).approach)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)

    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "rag"


def _engine_files() -> list[Path]:
    files = []
    for module in PURE_ENGINE:
        package = ROOT / "decisions" / module
        files += sorted(package.rglob("*.py")) if package.is_dir() else [package.with_suffix(".py")]
    return files


def test_no_pure_module_names_django_or_scoping():
    for path in [ROOT / "decisions" / "__init__.py", *_engine_files()]:
        tree = ast.parse(path.read_text())
        imported = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names] + [
            node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
        ]
        assert not [name for name in imported if name.split(".")[0] in {"django", "scoping"}], path


PACKAGES = ("config", "decisions", "scoping")
# One room for each kind of user: the client's brief, the consultants' review, the memo's readers, and
# the integrations (the JSON API).
ROOMS = ("scoping.intake", "scoping.review", "scoping.memo", "scoping.api")
# The shared core of the domain, which every room uses and none owns.
CORE = ("scoping.models", "scoping.services", "scoping.memos", "scoping.access", "scoping.emails", "scoping.tasks",
        "scoping.lifecycle", "scoping.deadlines", "scoping.steps", "scoping.text", "scoping.team",
        "scoping.site", "scoping.zones", "scoping.ratelimit", "scoping.tokens", "scoping.integration")  # fmt: skip
# What wires the rooms to Django (URLs, the admin hook, template tags, commands, the app's config and
# demo data): it may name a room; the core may not.
WIRING = ("scoping", "scoping.urls", "scoping.admin", "scoping.apps", "scoping.context_processors",
          "scoping.templatetags", "scoping.management", "scoping.demo_briefs")  # fmt: skip


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
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


@cache
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


def _within(module: str, places: tuple[str, ...]) -> str | None:
    return next((place for place in places if module == place or module.startswith(place + ".")), None)


def _scoping_modules() -> list[str]:
    return sorted(name for name in import_graph() if name.split(".")[0] == "scoping")


def test_every_module_of_scoping_is_a_room_the_core_or_wiring():
    unplaced = [name for name in _scoping_modules() if not (_within(name, ROOMS) or _within(name, CORE))]
    assert [name for name in unplaced if name not in WIRING and not _within(name, WIRING[3:])] == []
    for place in (*ROOMS, *CORE):
        assert any(_within(name, (place,)) for name in _scoping_modules()), f"{place} is listed but not there"


@pytest.mark.parametrize("module", [name for name in _scoping_modules() if _within(name, ROOMS) or _within(name, CORE)])
def test_rooms_lean_on_the_core_and_the_core_on_no_room(module):
    own = _within(module, ROOMS)
    for imported in import_graph()[module]:
        other = _within(imported, ROOMS)
        assert other is None or other == own, f"{module} imports {imported}"


# What writes to the database, as code says it: a model instance saved or deleted, a manager's or a
# queryset's writing methods, a related manager's create, and a group's or a user's permissions.
QUERY_WRITES = {"create", "update", "delete", "bulk_create", "bulk_update", "get_or_create", "update_or_create"}
RELATED_MANAGERS = {"objects", "events", "emails"}
PERMISSION_SETS = {"groups", "permissions", "user_permissions"}


def _chain(node: ast.expr) -> list[str]:
    """The attribute names an expression reaches through: ``Brief.objects.filter(...).update`` is
    [..., "objects", "filter", "update"]."""
    names = []
    while True:
        if isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Subscript):
            node = node.value
        else:
            return list(reversed(names))


def writes(tree: ast.Module) -> list[str]:
    """The lines of ``tree`` that write models directly."""
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method, receiver = node.func.attr, _chain(node.func.value)
        cache = isinstance(node.func.value, ast.Subscript | ast.Name) and "cache" in ast.unparse(node.func.value)
        if (
            (method in ("save", "delete") and not cache)
            or (method in QUERY_WRITES and RELATED_MANAGERS & set(receiver))
            or (method in ("add", "set", "remove", "clear") and receiver[-1:] and receiver[-1] in PERMISSION_SETS)
        ):
            found.append(f"line {node.lineno}: {ast.unparse(node)[:80]}")
    return found


def test_the_write_finder_sees_writes_and_not_reads():
    code = (
        "brief.save()\nBrief.objects.filter(pk=1).update(status='x')\nbrief.events.create(action='x')\n"
        "user.groups.add(group)\nform.save()\nBrief.objects.create()\n"
        "Brief.objects.filter(pk=1).first()\ncontext.update(a=1)\ncaches['pages'].delete('k')\ncache.set('k', 1)\n"
    )
    assert len(writes(ast.parse(code))) == 6


# Views, forms, admin classes, tasks, template tags and commands only coordinate: they call services.
COORDINATORS = (*ROOMS, "scoping.tasks", "scoping.templatetags", "scoping.management", "config", "decisions.admin")


@pytest.mark.parametrize("module", [name for name in sorted(import_graph()) if _within(name, COORDINATORS)])
def test_only_services_write(module):
    assert writes(ast.parse(_modules()[module].read_text())) == []
