"""Do the imports follow DESIGN.md's picture (blueprints -> services -> models; services -> nlp; nlp -> nothing of
ours), with every service import at the top of its file, so no two services need each other?

Read from the source with ``ast`` (nothing is imported), so a new cycle fails here, not as a partly initialised
module at start-up.
"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ("services", "models")
BLUEPRINTS = sorted(p.parent.name for p in (ROOT / "recruit").glob("*/__init__.py") if p.parent.name not in LAYERS)

# Service modules still allowed imports of other services inside functions, and why. Empty it as they go.
INNER_ALLOWED = {
    "recruit.services.campus.signup": "sign-up and the careers page share the front door (sign-up reads careers' "
                                      "held-resume line): to hoist once both move into a module of their own",
    "recruit.services.clients": "still imports email, search, scoring and pipeline inside functions: next to hoist",
}


def _imports(path: Path):
    """(module imported, line, at top level?) for every import of the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno, node.col_offset == 0
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module in ("recruit", "recruit.services"):  # from recruit.services import parsing
                for alias in node.names:
                    yield f"{node.module}.{alias.name}", node.lineno, node.col_offset == 0
            else:
                yield node.module, node.lineno, node.col_offset == 0


def _modules(package: str):
    """(dotted module name, path) of every Python file under ``package``."""
    for path in sorted((ROOT / package.replace(".", "/")).rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        yield ".".join(parts[:-1] if parts[-1] == "__init__" else parts), path


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "recruit" or len(parts) < 2:
        return None
    if parts[1] in LAYERS:
        return parts[1]
    return "blueprints" if parts[1] in BLUEPRINTS else parts[1]


def _where(module, path, line, imported):
    return f"{path.relative_to(ROOT)}:{line} ({module}) imports {imported}"


def test_nlp_imports_nothing_of_recruit_or_flask():
    """Can the resume pipeline be used and tested alone, without the app or Flask?"""
    bad = [_where(m, p, line, name) for m, p in _modules("nlp") for name, line, _ in _imports(p)
           if name.split(".")[0] in ("recruit", "flask", "flask_sqlalchemy", "werkzeug")]
    assert bad == []


def test_models_import_no_service_blueprint_or_task():
    """Do the models stay the bottom layer (no service, blueprint, task or CLI above them)?"""
    bad = [_where(m, p, line, name) for m, p in _modules("recruit.models") for name, line, _ in _imports(p)
           if _layer(name) in ("services", "blueprints", "tasks", "queue", "cli")]
    assert bad == []


def test_no_service_imports_a_blueprint_the_tasks_or_the_cli():
    """Do services stay below the views: called by blueprints, the API, the CLI and the worker alike?"""
    bad = [_where(m, p, line, name) for m, p in _modules("recruit.services") for name, line, _ in _imports(p)
           if _layer(name) in ("blueprints", "tasks", "cli")]
    assert bad == []


def test_every_service_import_in_a_service_sits_at_the_top_of_its_file():
    """Is there no cycle between services hidden in a function-level import (each would be a pair that needs
    each other)? Only the allow-listed modules, each with its reason, still have some."""
    inner = {}
    for module, path in _modules("recruit.services"):
        for name, line, top in _imports(path):
            if not top and _layer(name) == "services":
                inner.setdefault(module, []).append(f"{path.relative_to(ROOT)}:{line} {name}")
    assert sorted(m for m in inner if m not in INNER_ALLOWED) == [], inner
    assert sorted(set(INNER_ALLOWED) - set(inner)) == [], "allowed but no longer needed: remove from INNER_ALLOWED"


def test_services_import_each_other_without_a_cycle():
    """Does every chain of top-level imports between services end (no module that, through others, needs
    itself), so each can be read and tested on its own?"""
    graph = {m: {name for name, _, top in _imports(p) if top and _layer(name) == "services" and name != m}
             for m, p in _modules("recruit.services")}
    cycles, state = [], {}

    def visit(module, trail):
        state[module] = "open"
        for target in sorted(graph.get(module, ())):
            if state.get(target) == "open":
                cycles.append(trail[trail.index(target):] + [target] if target in trail else [module, target])
            elif target not in state:
                visit(target, trail + [target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []
