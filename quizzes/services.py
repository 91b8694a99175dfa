"""Practice quizzes: starting one and answering its items, with the typed refusals views match."""

from __future__ import annotations

import functools
import random

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from quizzes import generator as gen
from quizzes.models import Answer, PracticeItem, PracticeQuiz, ProblemReport, Question, QuestionVersion, Scope
from quizzes.signals import answers_recorded
from studyapp import rows
from studyapp.rows import Join, Table
from topics.models import Case, Topic


class AnswerRefused(Exception):
    """Base of the reasons an answer or a quiz is refused; views match the subclasses by type.

    `item` is what was being answered, when there was one, so the page can be shown again."""

    def __init__(self, detail=None, *, item=None):
        super().__init__(detail)
        self.item = item


class AlreadyAnswered(AnswerRefused):
    """The item already has an answer (perhaps from another tab): the first one counts."""


class WrongCount(AnswerRefused):
    """Too few or too many choices for what the question asks (nothing chosen included)."""


class NotAChoice(AnswerRefused):
    """A selected id is not a choice of this question, or appears twice: a tampered form."""


class NoQuestions(AnswerRefused):
    """Nothing is published in the scope the learner picked."""


def check_selection(version: QuestionVersion, selected: list[str], *, item=None) -> None:
    """Refuse a tampered selection (NotAChoice: an id not of this version, or twice) or an incomplete one
    (WrongCount: not what the version shown asks, even after an edit of the question); practice and the
    review session alike."""
    valid = {choice["id"] for choice in version.choices}
    if len(set(selected)) != len(selected) or not set(selected) <= valid:
        raise NotAChoice(selected, item=item)
    if len(selected) != version.choose:
        raise WrongCount(len(selected), item=item)


@transaction.atomic
def start_practice(*, user, scope: Scope, size: int, rng: random.Random | None = None) -> PracticeQuiz:
    """Pick up to `size` questions in scope and freeze their versions: never two on the same requirement or fact,
    those the learner has not met first (`generator.pick_varied`)."""
    rng = rng or random.Random()
    candidates = list(
        Question.objects.published()
        .filter(scope.filters)
        .values_list("pk", "current_version_id", "key")
        .distinct()
    )
    if not candidates:
        raise NoQuestions(scope.target)
    answered = set(Answer.objects.filter(user=user).values_list("question__key", flat=True).distinct())
    rng.shuffle(candidates)
    picked = [candidates[i][:2] for i in gen.pick_varied([key for _q, _v, key in candidates], size, answered)]
    quiz = PracticeQuiz.objects.create(
        user=user,
        scope=scope.kind,
        target=scope.target,
        title_en=scope.title_en,
        title_ko=scope.title_ko,
        size=len(picked),
    )
    versions = {
        v.pk: v for v in QuestionVersion.objects.filter(pk__in=[v for _q, v in picked]).only("choices")
    }
    items = []
    for position, (question_id, version_id) in enumerate(picked, start=1):
        order = [choice["id"] for choice in versions[version_id].choices]
        rng.shuffle(order)  # each learner sees the choices in an order of their own
        items.append(
            PracticeItem(
                quiz=quiz,
                position=position,
                question_id=question_id,
                version_id=version_id,
                choice_order=order,
            )
        )
    PracticeItem.objects.bulk_create(items)
    return quiz


# What a practice item page shows of the question's topic and case: their links, never their notes,
# scenarios or diagrams (a diagram is read on its own, only for the questions that show one). One list
# for the prepared read of one item (its page, its answer) and the queryset of a quiz's summary.
# fmt: off
_ITEM_TABLES = (
    Table("i", PracticeItem, ("id", "quiz", "position", "question", "version", "answer", "choice_order")),
    Table("q", PracticeQuiz, ("id", "code", "user", "size", "title_en", "title_ko", "finished_at"), on="i.quiz"),
    Table("v", QuestionVersion, (
        "id", "number", "stem_en", "stem_ko", "explanation_en", "explanation_ko", "choices", "figure", "sources",
    ), on="i.version"),
    Table("x", Question, ("id", "code", "choose", "kind", "topic", "case"), on="i.question"),
    Table("t", Topic, ("id", "slug", "title_en", "title_ko"), on="x.topic"),
    Table("c", Case, ("id", "slug", "title_en", "title_ko", "company_en", "company_ko"), on="x.case"),
    Table("a", Answer, ("id", "selected", "is_correct"), on="i.answer"),
)
# fmt: on
_PATHS = {
    "i": "",
    "q": "quiz__",
    "v": "version__",
    "x": "question__",
    "t": "question__topic__",
    "c": "question__case__",
    "a": "answer__",
}  # fmt: skip
_ITEM_READ = Join(*_ITEM_TABLES, where=("q.code", "q.user", "i.position"))
# An answer's read locks the learner's own item and quiz, never the question or version all share.
_ANSWER_READ = Join(*_ITEM_TABLES, where=("q.code", "q.user", "i.position"), lock=("i", "q"))


def practice_items_for(user):
    """A learner's own practice items, with what their page shows, in one query."""
    return (
        PracticeItem.objects.filter(quiz__user=user)
        .select_related("quiz", "version", "question__topic", "question__case", "answer")
        .only(*(_PATHS[t.alias] + name for t in _ITEM_TABLES for name in t.fields))
    )


def practice_item_for(user, code, position: int, *, lock: bool = False) -> PracticeItem:
    """One of the learner's items with what its page shows, in one prepared read (PracticeItem.DoesNotExist
    for anyone else's); `lock`: the learner's item and quiz rows are locked for an answer."""
    found = (_ANSWER_READ if lock else _ITEM_READ).fetch(code, user.pk, position)
    if found is None:
        raise PracticeItem.DoesNotExist
    item, quiz, version, question, topic, case, answer = found
    item.quiz, item.version, item.question, item.answer = quiz, version, question, answer
    question.topic, question.case = topic, case
    return item


def _still_open_sql() -> str:
    """How many other items of an item's quiz are still open (parameters: the quiz, the item). COUNT(*)
    FILTER reads the quiz's own few items through the (quiz, position) index; "answer IS NULL" as a
    condition let a planner with stale statistics also scan every open item of every learner."""
    qn = connection.ops.quote_name
    meta = PracticeItem._meta
    answer, quiz = (qn(meta.get_field(name).column) for name in ("answer", "quiz"))
    pk = qn(meta.pk.column)
    return (
        f"SELECT COUNT(*) FILTER (WHERE o.{answer} IS NULL) FROM {qn(meta.db_table)} o"
        f" WHERE o.{quiz} = %s AND o.{pk} <> %s"
    )


@functools.cache
def _mark_answered_sql() -> str:
    """Set the item's answer (parameters: the answer, the item, then _still_open_sql's) and return how
    many other items of its quiz are still open. The quiz row is locked by then, so a second tab's answer
    to the same quiz counts after this one has committed."""
    qn = connection.ops.quote_name
    meta = PracticeItem._meta
    table, pk, answer = qn(meta.db_table), qn(meta.pk.column), qn(meta.get_field("answer").column)
    return f"UPDATE {table} SET {answer} = %s WHERE {pk} = %s RETURNING ({_still_open_sql()})"


@functools.cache
def _answer_sql() -> str:
    """PostgreSQL: in one statement insert the answer, finish the quiz when no other item is open, set
    the answer on the item, and return the answer's key (every part sees the same snapshot; the quiz row
    is locked, as above). Parameters: the answer's fields, the finish time, the quiz, _still_open_sql's,
    the item."""
    qn = connection.ops.quote_name
    meta, quiz_meta = PracticeItem._meta, PracticeQuiz._meta
    table, pk, answer = qn(meta.db_table), qn(meta.pk.column), qn(meta.get_field("answer").column)
    insert, _fields = rows.insert_statement(Answer)
    answer_pk = qn(Answer._meta.pk.column)
    finished = qn(quiz_meta.get_field("finished_at").column)
    return (
        f"WITH a AS ({insert}), f AS (UPDATE {qn(quiz_meta.db_table)} SET {finished} = %s"
        f" WHERE {qn(quiz_meta.pk.column)} = %s AND {finished} IS NULL AND ({_still_open_sql()}) = 0 RETURNING 1)"
        f" UPDATE {table} SET {answer} = a.{answer_pk} FROM a WHERE {table}.{pk} = %s RETURNING a.{answer_pk}"
    )


@transaction.atomic
def answer_practice_item(*, user, code, position: int, selected: list[str]) -> PracticeItem:
    """Record a learner's answer to one of their items and return the item with it.

    One locked read of the learner's own item and quiz rows (never the question or version that every
    learner shares), then the answer, the item, and the quiz's finish time when this was its last open
    item (one statement on PostgreSQL). Locking the quiz makes two answers to one quiz (two tabs) take
    turns, so the second sees the first and the quiz's last answer always finishes it.
    Refuses tampered, incomplete and repeated answers; raises PracticeItem.DoesNotExist for an item
    that is not this learner's."""
    item = practice_item_for(user, code, position, lock=True)
    if item.answer is not None:
        raise AlreadyAnswered(item=item)
    version = item.version
    check_selection(version, selected, item=item)
    answer = Answer(
        user=user,
        question_id=item.question_id,
        version=version,
        selected=sorted(selected),
        is_correct=set(selected) == version.correct_ids,
        source=Answer.Source.PRACTICE,
        answered_at=timezone.now(),
    )
    still_open = [item.quiz_id, item.pk]  # _still_open_sql's parameters
    if rows.chains():
        _sql, fields = rows.insert_statement(Answer)
        answer_values = rows.values(answer, fields, adding=True)
        (finish,) = rows.values(answer, [Answer._meta.get_field("answered_at")], adding=True)
        with rows.cursor() as cursor:
            cursor.execute(_answer_sql(), [*answer_values, finish, item.quiz_id, *still_open, item.pk])
            (answer_id,) = cursor.fetchone()
        rows.saved(answer, answer_id)
    else:
        rows.insert(answer)
        with rows.cursor() as cursor:
            cursor.execute(_mark_answered_sql(), [answer.pk, item.pk, *still_open])
            (others_open,) = cursor.fetchone()
        if not others_open:  # the quiz's last open item: the quiz is finished
            PracticeQuiz.objects.filter(pk=item.quiz_id, finished_at__isnull=True).update(
                finished_at=answer.answered_at
            )
    item.answer = answer
    answers_recorded.send(sender=Answer, answers=[answer])
    return item


class AlreadyReported(Exception):
    """The learner has an open report on this question already: one is enough for the queue."""


def report_problem(*, user, question: Question, version_number: int, kind: str, message: str, language: str):
    """File a learner's problem report against the version they saw (QuestionVersion.DoesNotExist for a
    number the question never had)."""
    version = question.versions.only("pk").get(number=version_number)
    if ProblemReport.objects.open().filter(user=user, question=question).exists():
        raise AlreadyReported(question.code)
    try:
        with transaction.atomic():
            return ProblemReport.objects.create(
                user=user, question=question, version=version, kind=kind, message=message, language=language
            )
    except IntegrityError:  # the same learner, another tab, the same moment
        raise AlreadyReported(question.code) from None
