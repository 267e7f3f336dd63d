"""Every write goes through the owning app's services (DESIGN.md §3; issue 10).

Read over the source (AST), not at run time: outside a `services.py` module or a `services/` package
(and migrations), no module calls an ORM write — `.save()`, `.delete()`, `.create()`,
`.bulk_create()`, `.bulk_update()`, `.update()`, `.get_or_create()`, `.update_or_create()` — and
only services (with the plumbing in core/bulk.py) reach the bulk inserts. models.py may call
`super().save()` / `super().delete()` in a model's own override, nothing else.

A call with one of these names on a receiver that is not the ORM must be shown to be so: a name
bound only to a dict in its scope (a dict display or comprehension, `dict(...)`, or annotated
`dict[...]`), an object's `__dict__`, or one of the few receivers listed in NOT_ORM with the reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

import battlemap

PACKAGE = Path(battlemap.__file__).parent
WRITES = {
    "save",
    "delete",
    "create",
    "bulk_create",
    "bulk_update",
    "update",
    "get_or_create",
    "update_or_create",
}
BULK_WRITERS = {
    "fast_insert",
    "fast_history",
    "insert_recorded",
    "bulk_create_with_history",
    "bulk_update_with_history",
    "executemany",
}
BULK_PLUMBING = {"core/bulk.py"}

# (module, receiver as written, method): receivers that are not the ORM, and why.
NOT_ORM = {
    ("core/crud.py", "r", "create"): "Resource.create: the service function the API route calls",
    ("core/crud.py", "r", "update"): "Resource.update: the service function the API route calls",
    ("core/crud.py", "r", "delete"): "Resource.delete: the service function the API route calls",
    ("io/export/pptx.py", "prs", "save"): "python-pptx Presentation written to a file",
    ("io/export/png.py", "image", "save"): "Pillow image written to a buffer",
    ("io/export/pdf.py", "Canvas", "save"): "ReportLab canvas writing the PDF (pdf.CountingCanvas)",
}


def _is_service_module(rel: str) -> bool:
    parts = rel.split("/")
    return parts[-1] == "services.py" or "services" in parts[:-1]


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if "migrations" in rel.split("/"):
            continue
        yield rel, ast.parse(path.read_text(encoding="utf-8"), filename=rel)


# The mappings whose `.update()` is no ORM write (a dict, a Counter of the pure inference)
DICT_TYPES = frozenset({"dict", "Counter", "defaultdict"})


def _is_dict_value(node: ast.AST | None) -> bool:
    if isinstance(node, (ast.Dict, ast.DictComp)):
        return True
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in DICT_TYPES


def _is_dict_annotation(node: ast.AST | None) -> bool:
    if isinstance(node, ast.Subscript):
        node = node.value
    return isinstance(node, ast.Name) and node.id in DICT_TYPES


def _bindings(scope: ast.AST) -> tuple[set[str], set[str]]:
    """(names bound to a dict, names bound to something else) directly in `scope` (not nested defs)."""
    dicts, others = set(), set()
    if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
        for arg in [*scope.args.posonlyargs, *scope.args.args, *scope.args.kwonlyargs]:
            (dicts if _is_dict_annotation(arg.annotation) else others).add(arg.arg)
    todo = list(ast.iter_child_nodes(scope))
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        todo.extend(ast.iter_child_nodes(node))
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    (dicts if _is_dict_value(node.value) else others).add(target.id)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            (dicts if _is_dict_annotation(node.annotation) else others).add(node.target.id)
    return dicts, others


def _is_dict(name: str, scopes: list[ast.AST]) -> bool:
    """Whether `name`, read in the innermost of `scopes`, is bound to a dict and only to one there
    (a name not bound in a function is looked up in the enclosing one, then the module)."""
    for scope in reversed(scopes):
        dicts, others = _bindings(scope)
        if name in dicts | others:
            return name in dicts and name not in others
    return False


def _calls_with_scopes(tree: ast.AST):
    """Every call with the function/module scopes around it, outermost first."""
    todo: list[tuple[ast.AST, list[ast.AST]]] = [(tree, [tree])]
    while todo:
        node, scopes = todo.pop()
        for child in ast.iter_child_nodes(node):
            inner = [*scopes, child] if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else scopes
            if isinstance(child, ast.Call):
                yield child, inner
            todo.append((child, inner))


def _orm_writes(rel: str, tree: ast.AST) -> list[str]:
    overrides = set()  # super().save() inside a model's own save()/delete() in models.py
    if rel.endswith("models.py"):
        for func in ast.walk(tree):
            if isinstance(func, ast.FunctionDef) and func.name in ("save", "delete"):
                overrides |= {id(n) for n in ast.walk(func)}
    found = []
    for node, scopes in _calls_with_scopes(tree):
        if not isinstance(node.func, ast.Attribute):
            continue
        method, receiver = node.func.attr, node.func.value
        if method not in WRITES:
            continue
        written = ast.unparse(receiver)
        if id(node) in overrides and written == "super()" and method in ("save", "delete"):
            continue
        if method == "update" and (written.endswith("__dict__") or _is_dict(written, scopes)):
            continue
        if (rel, written, method) in NOT_ORM:
            continue
        found.append(f"{rel}:{node.lineno}: {written}.{method}(…)")
    return sorted(found, key=lambda hit: int(hit.split(":")[1]))


def test_only_services_write_models():
    offenders = [
        hit for rel, tree in _modules() if not _is_service_module(rel) for hit in _orm_writes(rel, tree)
    ]
    assert offenders == [], "ORM writes outside the services:\n" + "\n".join(offenders)


def test_only_services_insert_in_bulk():
    offenders = []
    for rel, tree in _modules():
        if _is_service_module(rel) or rel in BULK_PLUMBING:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = (
                    node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                )
                if name in BULK_WRITERS:
                    offenders.append(f"{rel}:{node.lineno}: {name}(…)")
    assert offenders == [], "bulk writes outside the services:\n" + "\n".join(offenders)


def test_every_allowed_receiver_is_still_there():
    """An allow-list entry nobody needs any more goes, so the list stays as short as it can be."""
    seen = set()
    for rel, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                seen.add((rel, ast.unparse(node.func.value), node.func.attr))
    assert set(NOT_ORM) - seen == set()


def test_the_check_catches_a_write(tmp_path):
    tree = ast.parse(
        "def f(person, qs):\n"
        "    person.save()\n"
        "    qs.filter(a=1).update(b=2)\n"
        "    Person.objects.get_or_create(name='x')\n"
        "    options = {}\n"
        "    options.update(a=1)\n"
    )
    hits = _orm_writes("people/views.py", tree)
    assert [h.split(": ", 1)[1] for h in hits] == [
        "person.save(…)",
        "qs.filter(a=1).update(…)",
        "Person.objects.get_or_create(…)",
    ]
