"""Fuzzing the content loader: random YAML and Markdown mutations of the small fixture curriculum.

Whatever the files say, `load_content` either loads them or refuses them with ContentInvalid, every
problem at `file:line` (or `file:` for a file-wide one) of a file in the tree; never another exception,
and a refused load leaves the database as it was. Each mutation that once crashed the reader is also
a plain case in tests/topics/test_content_files.py (BROKEN)."""

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import FIXTURE_CONTENT
from tests.fuzzing import budget
from tests.topics.test_content_files import snapshot
from topics.content import ContentInvalid, read_curriculum

FILES = sorted(str(p.relative_to(FIXTURE_CONTENT)) for p in FIXTURE_CONTENT.rglob("*") if p.is_file())
TEXTS = {name: (FIXTURE_CONTENT / name).read_text(encoding="utf-8") for name in FILES}
SNIPPETS = [
    "", "- ", ": ", "{", "[", "]", "}", "&a ", "*a", "? [a, b]\n: 1", "!!python/object:os.system x",
    "!!binary ###", "2026-13-45", "2026-02-30", "<<: 5", "~", "null", "true", "'", '"', "\t", "---", "...",
    "%YAML 1.1", "가나", "0x1F", "1e999", ".nan", "[[TST-01]]", "[[ZZZ-99]]", "<script>alert(1)</script>",
    "](javascript:alert(1))", "#", "|", ">", "- - - -", "{a: 1, a: 2}", "!!set {a}", "!!omap [a: 1]",
    "!!timestamp x", "!!int x", "!!float x", "!!seq {a: 1}", "!!map [1]", "!!bool x", "&x [*x]", "[[1]]",
    "{a: 1}", "[{}]", "-1", "0", "99999999999999999999", '["9.9"]', "[x]", "{SAA-C03: [[1]]}",
    "{[1]: 1}", "1.5", "\x00", "\ufeff", "[" * 200,
]  # fmt: skip


@st.composite
def mutated_trees(draw):
    tree = dict(TEXTS)
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(FILES))
        lines = tree[name].split("\n")
        index = draw(st.integers(0, len(lines) - 1))
        snippet = draw(st.sampled_from(SNIPPETS))
        how = draw(st.sampled_from(["value", "insert", "delete", "duplicate", "swap"]))
        if how == "value" and ":" in lines[index]:
            key = lines[index].partition(":")[0]
            lines[index] = f"{key}: {snippet}"
        elif how == "insert":
            column = draw(st.integers(0, len(lines[index])))
            lines[index] = lines[index][:column] + snippet + lines[index][column:]
        elif how == "delete":
            del lines[index]
        elif how == "duplicate":
            lines.insert(index, lines[index])
        else:
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        tree[name] = "\n".join(lines)
    return tree


def write(tree: dict[str, str], root: Path) -> Path:
    shutil.rmtree(root, ignore_errors=True)
    for name, text in tree.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@budget(60)
@given(tree=mutated_trees())
def test_a_mutated_content_tree_is_read_or_refused_at_file_and_line(tmp_path, tree):
    root = write(tree, tmp_path / "content")
    try:
        read_curriculum(root)
    except ContentInvalid as invalid:
        assert invalid.errors
        for error in invalid.errors:
            assert error.path.startswith("content/") and error.message, error
            assert not error.line or error.line >= 1, error  # no line: the whole file (printed "file: ...")


@pytest.mark.django_db
@budget(25)
@given(tree=mutated_trees())
def test_a_refused_load_changes_nothing_and_a_good_one_loads(tmp_path, tree):
    root = write(tree, tmp_path / "content")
    before = snapshot()
    with transaction.atomic():  # undone below, so every example starts from the fixture curriculum
        try:
            call_command("load_content", path=str(root), verbosity=0)
        except CommandError as refused:
            assert "nothing was loaded" in str(refused)
            assert snapshot() == before
        transaction.set_rollback(True)
    assert snapshot() == before
