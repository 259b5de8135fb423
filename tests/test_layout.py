"""The shape of the code, kept: stage packages with a docstring each, few modules at the top,
no module or class grown past what one person reads in one sitting (limits of issue 11)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import ROOT

PACKAGE = ROOT / "archive"
MAX_MODULE_LINES = 600
MAX_CLASS_LINES = 250
MAX_TOP_MODULES = 8
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_few_modules_directly_in_the_package():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top


@pytest.mark.parametrize("init", sorted(PACKAGE.rglob("__init__.py")), ids=_name)
def test_every_package_says_what_it_is_for(init):
    doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
    assert doc and len(doc.split()) >= 5, f"{_name(init)} has no docstring saying what it is for"


@pytest.mark.parametrize("module", MODULES, ids=_name)
def test_module_and_class_sizes(module):
    text = module.read_text(encoding="utf-8")
    lines = text.count("\n") + 1
    assert lines <= MAX_MODULE_LINES, f"{_name(module)}: {lines} lines > {MAX_MODULE_LINES}"
    tree = ast.parse(text)
    assert ast.get_docstring(tree), f"{_name(module)} has no module docstring"
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            size = node.end_lineno - node.lineno + 1
            assert size <= MAX_CLASS_LINES, f"{_name(module)}: class {node.name} has {size} lines"
