"""Sitting a mock exam: start, save an answer or a flag, submit. Typed refusals the views match.

The server owns the clock: every write compares `now` with the deadline stored at the start. An
attempt whose time is up is submitted, with what was saved, by whatever touches it next
(`close_if_expired`), and a write that arrives after the deadline is refused and changes nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import Profile
from exams import assembly, scoring
from exams.models import ESL_EXTRA_MINUTES, Attempt, AttemptItem, Blueprint
from quizzes.models import Answer, Question, QuestionVersion
from quizzes.signals import answers_recorded
from studyapp.rows import Join, Table


class ExamRefused(Exception):
    """Base of the reasons a start or a write is refused; views match the subclasses by type."""

    def __init__(self, detail=None, *, attempt: Attempt | None = None):
        super().__init__(detail)
        self.attempt = attempt


class AttemptInProgress(ExamRefused):
    """The learner already has an attempt running (`attempt`): one sitting at a time."""


class NotEnoughQuestions(ExamRefused):
    """The bank has fewer published questions than the blueprint asks for."""


class AttemptClosed(ExamRefused):
    """The attempt was submitted (by the learner, or at its deadline): nothing more is saved."""


class NotAChoice(ExamRefused):
    """A selected value is not one of the question's choices (a tampered form)."""


class TooManyChoices(ExamRefused):
    """More choices selected than the question asks for."""


# ------------------------------------------------------------------------------------------------- start


def _candidates(blueprint: Blueprint, user, exam_domains: dict[int, int]) -> list[assembly.Candidate]:
    published = Question.objects.published()
    if blueprint.exam_id is not None:
        published = published.filter(domains__exam_id=blueprint.exam_id)
    if scope := blueprint.scope():  # a custom blueprint's topics, cases or domains
        published = published.filter(pk__in=Question.objects.filter(scope).values("pk"))
    rows = published.values_list("pk", "current_version_id", "key", "kind", "domains").distinct()
    by_question: dict[int, dict] = {}
    for pk, version_id, key, kind, domain_id in rows:
        entry = by_question.setdefault(
            pk,
            {"version": version_id, "key": key, "multiple": kind == Question.Kind.MULTIPLE, "domains": set()},
        )
        if domain_id in exam_domains:
            entry["domains"].add(exam_domains[domain_id])
    seen = dict(
        Answer.objects.filter(user=user, question_id__in=by_question)
        .values("question_id")
        .annotate(last=Max("answered_at"))
        .values_list("question_id", "last")
    )
    return [
        assembly.Candidate(
            pk, e["version"], e["key"], e["multiple"], tuple(sorted(e["domains"])), seen.get(pk)
        )
        for pk, e in by_question.items()
    ]


def close_if_expired(attempt: Attempt, *, now: datetime | None = None) -> Attempt:
    """Submit an attempt whose time is up with what was saved; return it as it now is."""
    now = now or timezone.now()
    if attempt.is_expired(now):
        return submit(attempt=attempt, now=now, ended_by=Attempt.EndedBy.DEADLINE)
    return attempt


def open_attempt_of(user, *, now: datetime | None = None) -> Attempt | None:
    """The learner's running attempt, if any (one whose time ran out is submitted first)."""
    attempt = Attempt.objects.open().filter(user=user).select_related("blueprint").first()
    if attempt is None:
        return None
    attempt = close_if_expired(attempt, now=now)
    return None if attempt.is_submitted else attempt


@transaction.atomic
def start(
    *,
    user,
    blueprint: Blueprint,
    esl: bool = False,
    faithful: bool = False,
    now: datetime | None = None,
    rng: random.Random | None = None,
) -> Attempt:
    """Assemble the learner's questions, freeze their versions and choice orders, store the deadline.

    Remembers the ESL accommodation on the profile. Refuses a second running attempt and a blueprint
    the bank cannot fill."""
    now = now or timezone.now()
    rng = rng or random.Random()
    running = open_attempt_of(user, now=now)
    if running is not None:
        raise AttemptInProgress(attempt=running)
    exam_domains = (
        {d.pk: d.number for d in blueprint.exam.domains.all()} if blueprint.exam_id is not None else {}
    )
    weights = {}
    if blueprint.exam_id is not None:
        weights = {d.number: d.weight for d in blueprint.exam.domains.all()}
    candidates = _candidates(blueprint, user, exam_domains)
    picks = assembly.assemble(
        candidates,
        size=blueprint.questions,
        weights=weights,
        multiple_percent=blueprint.multiple_percent,
        rng=rng,
    )
    if len(picks) < blueprint.questions:
        raise NotEnoughQuestions(len(picks))
    Profile.objects.update_or_create(user=user, defaults={"esl_accommodation": esl})
    minutes = blueprint.minutes + (ESL_EXTRA_MINUTES if esl else 0)
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                user=user,
                blueprint=blueprint,
                size=len(picks),
                minutes=minutes,
                pass_scaled=blueprint.pass_scaled,
                esl=esl,
                faithful=faithful and blueprint.unscored > 0,
                started_at=now,
                deadline=now + timedelta(minutes=minutes),
            )
    except IntegrityError:  # another tab started one a moment ago
        raise AttemptInProgress(attempt=Attempt.objects.open().filter(user=user).first()) from None
    unscored = set(rng.sample(range(len(picks)), blueprint.unscored)) if attempt.faithful else set()
    versions = {
        v.pk: v for v in QuestionVersion.objects.filter(pk__in=[p.version_id for p in picks]).only("choices")
    }
    chooses = dict(Question.objects.filter(pk__in=[p.question_id for p in picks]).values_list("pk", "choose"))
    domain_ids = {number: pk for pk, number in exam_domains.items()}
    items = []
    for index, pick in enumerate(picks):
        order = [choice["id"] for choice in versions[pick.version_id].choices]
        rng.shuffle(order)  # shuffled per attempt
        items.append(
            AttemptItem(
                attempt=attempt,
                position=index + 1,
                question_id=pick.question_id,
                version_id=pick.version_id,
                domain_id=domain_ids.get(pick.domain),
                choose=chooses[pick.question_id],
                choice_order=order,
                scored=index not in unscored,
            )
        )
    AttemptItem.objects.bulk_create(items)
    return attempt


# ------------------------------------------------------------------------------------------------ sitting


@dataclass
class Saved:
    """What a save left on the item: enough for the page to show the new state without another query."""

    item: AttemptItem
    attempt: Attempt


# What a write reads: the learner's item and the few attempt fields that decide whether it may be written.
_WRITE_READ = Join(
    Table(
        "i",
        AttemptItem,
        ("id", "attempt_id", "position", "choose", "choice_order", "selected", "flagged", "is_correct"),
    ),
    Table(
        "a",
        Attempt,
        (
            "id",
            "code",
            "user_id",
            "deadline",
            "submitted_at",
            "started_at",
            "size",
            "ended_by",
            "scaled",
            "position",
        ),
        on="i.attempt",
    ),
    where=("a.code", "a.user", "i.position"),
)


def _item_for_write(user, code, position: int) -> AttemptItem:
    found = _WRITE_READ.fetch(code, user.pk, position)
    if found is None:
        raise AttemptItem.DoesNotExist
    item, attempt = found
    item.attempt = attempt
    return item


def save(
    *,
    user,
    code,
    position: int,
    picks: list[int] | None = None,
    flagged: bool | None = None,
    now: datetime | None = None,
) -> Saved:
    """Save a selection (display numbers 1..n of the choices as shown, `[]` clears it) and/or the flag.

    Two queries: read the learner's own item, then one conditional UPDATE of that row only, which
    matches nothing once the attempt is submitted (the item's `is_correct` is set then). No lock on a
    question or version row, nothing that grows with the exam's length. Two tabs: the last write wins.
    Raises AttemptItem.DoesNotExist for an item that is not this learner's, AttemptClosed after the
    deadline or the submission (after submitting an expired attempt), NotAChoice, TooManyChoices."""
    now = now or timezone.now()
    item = _item_for_write(user, code, position)
    attempt = item.attempt
    if attempt.submitted_at is not None:
        raise AttemptClosed(attempt=attempt)
    if now >= attempt.deadline:
        raise AttemptClosed(attempt=close_if_expired(attempt, now=now))
    changes: dict = {"saved_at": now}
    if picks is not None:
        if len(set(picks)) != len(picks) or not all(1 <= p <= len(item.choice_order) for p in picks):
            raise NotAChoice(picks, attempt=attempt)
        if len(picks) > item.choose:
            raise TooManyChoices(len(picks), attempt=attempt)
        changes["selected"] = sorted(item.choice_order[p - 1] for p in picks)
    if flagged is not None:
        changes["flagged"] = flagged
    updated = AttemptItem.objects.filter(pk=item.pk, is_correct__isnull=True).update(**changes)
    if not updated:  # submitted in the meantime (another tab, or the deadline)
        raise AttemptClosed(attempt=Attempt.objects.get(pk=attempt.pk))
    for field, value in changes.items():
        setattr(item, field, value)
    return Saved(item, attempt)


def remember_position(attempt: Attempt, position: int) -> None:
    """The question the learner is on, to resume there (one UPDATE, only when it changed)."""
    if attempt.position != position and attempt.submitted_at is None:
        Attempt.objects.filter(pk=attempt.pk, submitted_at__isnull=True).update(position=position)
        attempt.position = position


# ------------------------------------------------------------------------------------------------- submit


@transaction.atomic
def submit(
    *, attempt: Attempt, now: datetime | None = None, ended_by: str = Attempt.EndedBy.LEARNER
) -> Attempt:
    """Grade every item, store the scores, record the answers in the bank (source "exam") and announce
    them (`answers_recorded`: spaced repetition makes cards). Idempotent: a submitted attempt comes back
    as it is. Submitting after the deadline counts as ended by the deadline, at the deadline."""
    now = now or timezone.now()
    attempt = Attempt.objects.select_for_update(of=("self",)).get(pk=attempt.pk)
    if attempt.submitted_at is not None:
        return attempt
    if now >= attempt.deadline:
        ended_by, now = Attempt.EndedBy.DEADLINE, attempt.deadline
    items = list(
        AttemptItem.objects.filter(attempt=attempt)
        .select_for_update(of=("self",))
        .select_related("version", "domain")
        .only(
            "pk",
            "question_id",
            "version_id",
            "selected",
            "scored",
            "saved_at",
            "version__choices",
            "domain__number",
        )
    )
    result = scoring.grade(
        [
            scoring.Graded(
                item.domain.number if item.domain else None,
                item.scored,
                tuple(item.selected),
                frozenset(item.version.correct_ids),
            )
            for item in items
        ],
        pass_scaled=attempt.pass_scaled,
    )
    answers = {}
    for item in items:
        item.is_correct = scoring.is_right(item.selected, item.version.correct_ids)
        if item.selected:
            answers[item.pk] = Answer(
                user_id=attempt.user_id,
                question_id=item.question_id,
                version_id=item.version_id,
                selected=item.selected,
                is_correct=item.is_correct,
                source=Answer.Source.EXAM,
                answered_at=min(item.saved_at or now, now),
            )
    Answer.objects.bulk_create(answers.values())
    for item in items:
        item.answer_id = answers[item.pk].pk if item.pk in answers else None
    AttemptItem.objects.bulk_update(items, ["is_correct", "answer"], batch_size=200)
    attempt.submitted_at = now
    attempt.ended_by = ended_by
    attempt.scored_total, attempt.scored_right = result.total, result.right
    attempt.scaled, attempt.passed = result.scaled, result.passed
    attempt.save(
        update_fields=["submitted_at", "ended_by", "scored_total", "scored_right", "scaled", "passed"]
    )
    answers_recorded.send(sender=Answer, answers=list(answers.values()))
    return attempt
