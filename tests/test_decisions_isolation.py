"""The decision engine's core is plain Python: it must import with Django absent."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_ladder_imports_without_django():
    # Poisoning sys.modules makes any `import django...` fail, as if Django were not installed.
    code = (
        "import sys\n"
        "for name in ('django', 'scoping'):\n"
        "    sys.modules[name] = None\n"
        "from decisions.ladder import Facts, recommend\n"
        "import decisions.matrix, decisions.costs, decisions.budget, decisions.changes\n"
        "print(recommend(Facts(multi_tenant=True)).approach)\n"
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
