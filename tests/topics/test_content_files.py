"""The curriculum files: the real ones load; broken ones are refused with file:line and load nothing."""

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import FIXTURE_CONTENT, REAL_CONTENT
from topics.content import ContentInvalid, read_curriculum
from topics.loading import load_curriculum
from topics.models import Case, Fact, GlossaryTerm, Topic


def snapshot():
    """Everything a learner could see change, to prove a refused load left the database alone."""
    return {
        "topics": list(Topic.objects.order_by("slug").values_list("slug", "title_en", "html_ko")),
        "facts": list(Fact.objects.order_by("key").values_list("key", "value_en", "source")),
        "cases": list(Case.objects.order_by("slug").values_list("slug", "title_ko")),
        "terms": list(GlossaryTerm.objects.order_by("slug").values_list("slug", "term_ko")),
    }


@pytest.fixture
def content(tmp_path) -> Path:
    """A private copy of the fixture curriculum that a test may break."""
    copy = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, copy)
    return copy


def load(path: Path):
    call_command("load_content", path=str(path), verbosity=0)


def errors_of(path: Path) -> list[str]:
    with pytest.raises(ContentInvalid) as caught:
        read_curriculum(path)
    return [str(error) for error in caught.value.errors]


@pytest.mark.django_db
def test_every_file_in_content_loads_and_a_second_load_changes_nothing(real_content_db, capsys):
    call_command("load_content")  # the session loaded it once already: this is the second load
    assert "No changes" in capsys.readouterr().out.splitlines()[-1]
    assert Topic.objects.count() >= 35
    assert Fact.objects.count() >= 150
    assert Case.objects.count() >= 12


def test_the_real_curriculum_has_every_topic_in_both_languages(real_curriculum):
    curriculum = real_curriculum
    for topic in curriculum.topics.values():
        for language in ("en", "ko"):
            assert (
                topic.title.get(language) and topic.summary.get(language) and topic.body.get(language).strip()
            )
    assert all(fact.source.startswith("https://") for fact in curriculum.facts.values())


@pytest.mark.django_db
def test_loading_changed_content_updates_in_place(content, capsys):
    note = content / "topics" / "lambda-basics" / "en.md"
    note.write_text(note.read_text().replace("title: Lambda basics", "title: Lambda fundamentals"))
    load(content)
    assert Topic.objects.get(slug="lambda-basics").title_en == "Lambda fundamentals"


@pytest.mark.django_db
def test_a_removed_topic_disappears(content):
    shutil.rmtree(content / "topics" / "placement-groups")
    facts = content / "facts" / "test.yaml"
    text = facts.read_text()
    facts.write_text(text[: text.index("  - id: TST-02")])
    (content / "glossary.yaml").write_text(
        (content / "glossary.yaml").read_text().replace("topic: placement-groups", "topic: lambda-basics")
    )
    questions = content / "questions" / "sample.yaml"
    questions.write_text(questions.read_text().replace("topic: placement-groups", "topic: lambda-basics"))
    topic = content / "topics" / "lambda-basics"
    (topic / "topic.yaml").write_text(
        (topic / "topic.yaml").read_text().replace("related: [placement-groups]", "related: []")
    )
    load(content)
    assert list(Topic.objects.values_list("slug", flat=True)) == ["lambda-basics"]
    assert not Fact.objects.filter(key="TST-02").exists()


BROKEN = [
    pytest.param(
        "facts/test.yaml",
        lambda t: t.replace(
            "    topic: lambda-basics\n    services: [lambda]",
            "    topic: lambda-basics\n    services: [lambda\n",
        ),
        "content/facts/test.yaml:9: bad YAML",
        id="bad-yaml",
    ),
    pytest.param(
        "topics/lambda-basics/ko.md",
        None,
        "content/topics/lambda-basics/ko.md: missing language",
        id="missing-language-file",
    ),
    pytest.param(
        "facts/test.yaml",
        lambda t: t.replace("    text_ko: Lambda 호출 1회는 최대 900초 실행된다.\n", ""),
        "content/facts/test.yaml:5: missing language: text_ko (Korean) is required in a fact",
        id="missing-language-field",
    ),
    pytest.param(
        "facts/test.yaml",
        lambda t: t.replace("topic: placement-groups", "topic: spot-fleet"),
        "content/facts/test.yaml:30: unknown topic 'spot-fleet' for fact TST-02",
        id="unknown-topic",
    ),
    pytest.param(
        "topics/placement-groups/ko.md",
        lambda t: t.replace("[[TST-02]]", "[[TST-99]]"),
        "content/topics/placement-groups/ko.md:12: unknown fact 'TST-99' cited as [[TST-99]]",
        id="unknown-fact",
    ),
    pytest.param(
        "facts/test.yaml",
        lambda t: t.replace("  - id: TST-02", "  - id: TST-01"),
        "content/facts/test.yaml:29: duplicate fact id 'TST-01': already defined at content/facts/test.yaml:5",
        id="duplicate-fact-id",
    ),
    pytest.param(
        "glossary.yaml",
        lambda t: t.replace("- slug: lambda", "- slug: placement-group"),
        "content/glossary.yaml:8: duplicate slug 'placement-group'",
        id="duplicate-slug",
    ),
    pytest.param(
        "facts/test.yaml",
        lambda t: t.replace(
            "    source: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/placement-groups.html\n", ""
        ),
        "content/facts/test.yaml:29: missing source: field 'source' with a documentation URL is required in a fact",
        id="fact-without-source",
    ),
    pytest.param(
        "cases/tiny-api.yaml",
        lambda t: t.replace(
            "need_en: Serve the API without managing servers.", "need_en: Serve the API with Lambda."
        ),
        "content/cases/tiny-api.yaml:29: requirement R1: the need (en) names 'Lambda'",
        id="need-gives-the-answer-away",
    ),
    pytest.param(
        "topics/lambda-basics/topic.yaml",
        lambda t: t.replace('SAA-C03: ["2.1", "3.2"]', 'SAA-C03: ["2.1", "3.9"]'),
        "content/topics/lambda-basics/topic.yaml:2: tasks: SAA-C03 has no task statement '3.9'",
        id="unknown-task-statement",
    ),
    pytest.param(
        "topics/lambda-basics/topic.yaml",
        lambda t: t.replace("order: 10", "order: 10\nexams: {SAA-C03: [2]}"),
        "content/topics/lambda-basics/topic.yaml:2: use either 'tasks' or 'exams', not both",
        id="tasks-and-exams",
    ),
    pytest.param(
        "questions/sample.yaml",
        lambda t: t.replace(
            "        correct: false\n        why_en: One Lambda",
            "        correct: true\n        why_en: One Lambda",
        ),
        "content/questions/sample.yaml:18: the question chooses 1 but marks 2 choice(s) correct",
        id="question-with-two-keys",
    ),
    pytest.param(
        "questions/sample.yaml",
        lambda t: t.replace(
            "text_en: Spread the instances across three Availability Zones.",
            "text_en: Launch the instances in a spread placement group.",
        ),
        "content/questions/sample.yaml:55: two choices read the same in en",
        id="question-with-duplicate-choices",
    ),
    pytest.param(
        "questions/sample.yaml",
        lambda t: t.replace("    topic: placement-groups\n", "    topic: placement-groupz\n"),
        "content/questions/sample.yaml:44: unknown topic 'placement-groupz' for question placement-choose-two",
        id="question-with-unknown-topic",
    ),
    pytest.param(
        "questions/sample.yaml",
        lambda t: t.replace('    tasks: {SAA-C03: "3.2"}\n', "", 1),
        "content/questions/sample.yaml:4: missing field 'tasks' in a question",
        id="question-without-task",
    ),
    # Found by fuzzing (tests/topics/test_content_fuzz.py): each of these raised a bare exception.
    pytest.param(
        "facts/test.yaml",
        lambda t: t.replace("    as_of: 2026-11-22", "    as_of: 2026-13-45", 1),
        "content/facts/test.yaml:13: bad YAML: '2026-13-45' is not a valid timestamp (month must be in 1..12)",
        id="impossible-date",
    ),
    pytest.param(
        "topics/lambda-basics/topic.yaml",
        lambda t: t.replace("order: 10", "order: !!int ten"),
        "content/topics/lambda-basics/topic.yaml:1: bad YAML: 'ten' is not a valid int",
        id="tagged-value-its-tag-cannot-make",
    ),
    pytest.param(
        "topics/lambda-basics/topic.yaml",
        lambda t: t.replace("order: 10", "? [order]\n: 10"),
        "content/topics/lambda-basics/topic.yaml:1: bad YAML: a key must be a plain name, not a list or mapping",
        id="list-as-key",
    ),
    pytest.param(
        "topics/lambda-basics/topic.yaml",
        lambda t: t.replace("services: [lambda]", "services: !!seq {lambda: 1}"),
        "content/topics/lambda-basics/topic.yaml:5: bad YAML: this mapping is not a valid seq",
        id="tag-of-another-shape",
    ),
    pytest.param(
        "topics/lambda-basics/topic.yaml",
        lambda t: t.replace("order: 10", "order: " + "[" * 3000 + "]" * 3000),
        "content/topics/lambda-basics/topic.yaml:1: bad YAML: lists or mappings nested too deeply",
        id="nested-too-deeply",
    ),
    pytest.param(
        "topics/lambda-basics/topic.yaml",
        lambda t: t.replace('SAA-C03: ["2.1", "3.2"]', 'SAA-C03: ["2.1", "x"]'),
        "content/topics/lambda-basics/topic.yaml:2: tasks: SAA-C03 has no task statement 'x'",
        id="task-statement-that-names-no-domain",
    ),
    pytest.param(
        "topics/placement-groups/topic.yaml",
        lambda t: t.replace("SAA-C03: [3]", "SAA-C03: [[3]]"),
        "content/topics/placement-groups/topic.yaml:2: exams: SAA-C03 has no domain [3] (domains are 1-4)",
        id="list-as-domain-number",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("relative", "edit", "message"), BROKEN)
def test_a_broken_file_is_refused_with_its_location_and_loads_nothing(
    content, relative, edit, message, capsys
):
    before = snapshot()
    path = content / relative
    if edit is None:
        path.unlink()
    else:
        changed = edit(path.read_text())
        assert changed != path.read_text(), "the edit must change the file"
        path.write_text(changed)
    # A good change elsewhere must not sneak in with the bad file.
    note = content / "topics" / "lambda-basics" / "en.md"
    note.write_text(note.read_text().replace("title: Lambda basics", "title: Changed title"))

    assert any(error.startswith(message) for error in errors_of(content)), errors_of(content)
    with pytest.raises(CommandError, match="nothing was loaded") as refused:
        load(content)
    assert message in str(refused.value)
    assert snapshot() == before


def test_unknown_fields_are_reported_so_typos_do_not_pass_silently(content):
    path = content / "topics" / "lambda-basics" / "topic.yaml"
    path.write_text(path.read_text().replace("order: 10", "order: 10\nordr: 11"))
    assert "content/topics/lambda-basics/topic.yaml:2: unknown field 'ordr' in topic.yaml" in errors_of(
        content
    )


def test_every_problem_is_reported_at_once(content):
    (content / "topics" / "lambda-basics" / "ko.md").unlink()
    path = content / "facts" / "test.yaml"
    path.write_text(path.read_text().replace("topic: placement-groups", "topic: nowhere"))
    errors = errors_of(content)
    assert any("ko.md: missing language" in e for e in errors)
    assert any("unknown topic 'nowhere'" in e for e in errors)


@pytest.mark.django_db
def test_load_content_check_validates_without_loading(content, capsys):
    note = content / "topics" / "lambda-basics" / "en.md"
    note.write_text(note.read_text().replace("title: Lambda basics", "title: Not loaded"))
    call_command("load_content", path=str(content), check=True)
    assert "Content is valid" in capsys.readouterr().out
    assert Topic.objects.get(slug="lambda-basics").title_en == "Lambda basics"


def test_curriculum_load_is_atomic_when_the_database_refuses(content, db):
    """A failure half-way through (here: a fact whose topic vanished) rolls everything back."""
    before = snapshot()
    curriculum = read_curriculum(content)
    curriculum.topics["lambda-basics"].title = type(curriculum.topics["lambda-basics"].title)("New", "새")
    curriculum.facts["TST-01"].topic = "missing-topic"
    with pytest.raises(KeyError):
        load_curriculum(curriculum)
    assert snapshot() == before


def test_the_coverage_map_lists_every_task_statement_with_the_topics_that_teach_it(real_curriculum):
    from studyapp.curriculum import COVERAGE_END, COVERAGE_START, coverage_markdown

    text = (REAL_CONTENT / "COVERAGE.md").read_text(encoding="utf-8")
    section = text[text.index(COVERAGE_START) + len(COVERAGE_START) + 1 : text.index(COVERAGE_END)]
    assert section == coverage_markdown(real_curriculum), "run: manage.py content_stats --write-coverage"
    rows = [line for line in section.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert len(rows) == 14 + 20  # every task statement of SAA-C03 and SAP-C02
    assert all(row.split(" | ")[2] != "—" for row in rows), "a task statement without a topic"
