"""What an instructor sees of a class's members, for the class's exam, in a fixed number of queries.

One `build` call reads every member at once (a query per kind of figure, never one per member):
topics studied per domain and task statement, answers right per domain and task statement, practice
accuracy, mock exam results for the exam, reviews due and overdue, and the estimated readiness, which is the progress page's own
model (`reviews.readiness`, `reviews.scheduling`), fed with the same inputs for many learners.
The member's own page shows them the same figures, built the same way for them alone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Q, Sum

from exams.models import Attempt
from quizzes.models import Answer, Question
from reviews import readiness, scheduling
from reviews.models import Card, ReviewLog, ReviewSettings, retrievability
from reviews.queue import day_bounds
from reviews.stats import mock_exam_calibrations_of
from topics.models import Exam, ExamDomain, StudiedTopic, TaskStatement, Topic, TopicDomain

MIN_ANSWERS = 5  # a task statement needs this many answers from the class before it can rank as weak


@dataclass
class Share:
    right: int = 0
    total: int = 0

    def add(self, right: int, total: int) -> None:
        self.right += right
        self.total += total

    @property
    def fraction(self) -> float:
        return self.right / self.total if self.total else 0.0

    @property
    def percent(self) -> int | None:
        return round(100 * self.right / self.total) if self.total else None


@dataclass(frozen=True)
class Mock:
    at: datetime
    scaled: int
    passed: bool


@dataclass
class Member:
    """One learner's figures for the exam."""

    user_id: int
    studied: set[int] = field(default_factory=set)  # ids of the exam's topics they marked studied
    by_task: dict[int, Share] = field(default_factory=lambda: defaultdict(Share))
    by_domain: dict[int, Share] = field(default_factory=lambda: defaultdict(Share))
    practice: Share = field(default_factory=Share)
    due: int = 0  # due by the end of today, overdue included
    overdue: int = 0  # due before today began
    readiness: readiness.Readiness | None = None
    mocks: list[Mock] = field(default_factory=list)  # submitted mock exams of the exam, oldest first

    @property
    def latest_mock(self) -> Mock | None:
        return self.mocks[-1] if self.mocks else None

    @property
    def best_mock(self) -> Mock | None:
        return max(self.mocks, key=lambda m: (m.scaled, m.at)) if self.mocks else None

    @property
    def readiness_label(self) -> str:
        """The chance as the progress page words it: "< 1%" rather than a misleading "0%"."""
        if self.readiness is None:
            return "—"
        percent = round(100 * self.readiness.probability)
        return "< 1%" if percent == 0 and self.readiness.probability > 0 else f"{percent}%"


@dataclass
class Report:
    exam: Exam
    domains: list[ExamDomain]
    tasks: list[TaskStatement]
    topics: dict[int, dict]  # id -> slug and titles, for every topic serving the exam
    task_topics: dict[int, list[int]]  # task id -> ids of the topics that teach it
    domain_topics: dict[int, set[int]]  # domain id -> ids of the topics serving it
    members: dict[int, Member]  # by user id

    def studied(self, member: Member, topic_ids) -> tuple[int, int]:
        topic_ids = set(topic_ids)
        return len(member.studied & topic_ids), len(topic_ids)

    def class_studied(self, topic_ids) -> float:
        """The share of these topics the average member studied."""
        if not self.members or not topic_ids:
            return 0.0
        shares = [self.studied(m, topic_ids) for m in self.members.values()]
        return sum(done / total for done, total in shares) / len(shares)

    def class_share(self, attribute: str, key: int) -> Share:
        total = Share()
        for member in self.members.values():
            entry = getattr(member, attribute).get(key)
            if entry:
                total.add(entry.right, entry.total)
        return total

    def weakest(self, limit: int = 5) -> list[tuple[TaskStatement, Share, list[dict]]]:
        """The task statements the class answers worst (enough answers only), with the topics teaching them."""
        rows = [(task, self.class_share("by_task", task.pk)) for task in self.tasks]
        rows = [(task, share) for task, share in rows if share.total >= MIN_ANSWERS]
        rows.sort(key=lambda row: (row[1].fraction, -row[1].total, row[0].code))
        return [
            (task, share, [self.topics[t] for t in self.task_topics.get(task.pk, [])])
            for task, share in rows[:limit]
        ]


def build(exam: Exam, user_ids: list[int], now: datetime) -> Report:
    """The report for these learners: fifteen queries (eighteen once some have sat mock exams), however
    many learners there are."""
    report = _curriculum(exam)
    report.members = {uid: Member(uid) for uid in user_ids}
    exam_topics = set(report.topics)
    for uid, topic_id in StudiedTopic.objects.filter(user_id__in=user_ids).values_list("user_id", "topic_id"):
        if topic_id in exam_topics:
            report.members[uid].studied.add(topic_id)
    _answers(report, exam, user_ids)
    _reviews(report, exam, user_ids, now)
    mocks = (
        Attempt.objects.submitted()
        .filter(user_id__in=user_ids, blueprint__exam=exam)
        .order_by("submitted_at", "pk")
        .values_list("user_id", "submitted_at", "scaled", "passed")
    )
    for uid, at, scaled, passed in mocks:
        report.members[uid].mocks.append(Mock(at, scaled, bool(passed)))
    return report


def _curriculum(exam: Exam) -> Report:
    """The exam's domains, task statements and topics (four queries)."""
    domains = list(ExamDomain.objects.filter(exam=exam).order_by("number"))
    tasks = list(
        TaskStatement.objects.filter(domain__exam=exam)
        .select_related("domain")
        .order_by("domain__number", "code")
    )
    topics, task_topics, domain_topics = {}, defaultdict(list), defaultdict(set)
    by_task = {t.pk: t for t in tasks}
    links = (
        Topic.tasks.through.objects.filter(taskstatement__domain__exam=exam)
        .order_by("topic__order", "topic__slug")
        .values_list("taskstatement_id", "topic_id", "topic__slug", "topic__title_en", "topic__title_ko")
    )
    for task_id, topic_id, slug, title_en, title_ko in links:
        topics[topic_id] = {"id": topic_id, "slug": slug, "title_en": title_en, "title_ko": title_ko}
        task_topics[task_id].append(topic_id)
        domain_topics[by_task[task_id].domain_id].add(topic_id)
    placements = TopicDomain.objects.filter(domain__exam=exam).values_list(
        "domain_id", "topic_id", "topic__slug", "topic__title_en", "topic__title_ko"
    )
    for domain_id, topic_id, slug, title_en, title_ko in placements:
        topics.setdefault(
            topic_id, {"id": topic_id, "slug": slug, "title_en": title_en, "title_ko": title_ko}
        )
        domain_topics[domain_id].add(topic_id)
    return Report(exam, domains, tasks, topics, dict(task_topics), dict(domain_topics), {})


def _answers(report: Report, exam: Exam, user_ids: list[int]) -> None:
    """Answers right per task statement and per domain (every source), and in practice (three queries)."""
    answers = Answer.objects.filter(user_id__in=user_ids)
    right = Count("pk", filter=Q(is_correct=True))
    for uid, task_id, total, correct in (
        answers.filter(question__tasks__domain__exam=exam)
        .values_list("user_id", "question__tasks")
        .annotate(total=Count("pk"), right=right)
    ):
        report.members[uid].by_task[task_id].add(correct, total)
    for uid, domain_id, total, correct in (
        answers.filter(question__domains__exam=exam)
        .values_list("user_id", "question__domains")
        .annotate(total=Count("pk"), right=right)
    ):
        report.members[uid].by_domain[domain_id].add(correct, total)
    in_exam = Question.domains.through.objects.filter(
        question_id=OuterRef("question_id"), examdomain__exam=exam
    )
    for uid, total, correct in (
        answers.filter(Exists(in_exam), source=Answer.Source.PRACTICE)
        .values_list("user_id")
        .annotate(total=Count("pk"), right=right)
    ):
        report.members[uid].practice.add(correct, total)


def _reviews(report: Report, exam: Exam, user_ids: list[int], now: datetime) -> None:
    """Reviews due and overdue, and readiness from the cards' memory, calibrated on mock exams as the
    progress page's is (six to nine queries)."""
    start, end = day_bounds(now)
    for uid, due, overdue in (
        Card.objects.filter(
            user_id__in=user_ids, due__lt=end, suspended=False, question__status=Question.Status.PUBLISHED
        )
        .values_list("user_id")
        .annotate(due_count=Count("pk"), overdue_count=Count("pk", filter=Q(due__lt=start)))
    ):
        report.members[uid].due, report.members[uid].overdue = due, overdue
    questions = dict(
        Question.objects.published()
        .filter(domains__exam=exam)
        .values_list("domains")
        .annotate(n=Count("pk"))
        .values_list("domains", "n")
    )
    default_decay = scheduling.decay_of(None)
    decays = {
        uid: scheduling.decay_of(parameters)
        for uid, parameters in ReviewSettings.objects.filter(user_id__in=user_ids).values_list(
            "user_id", "parameters"
        )
    }
    # Summed in the database, per member and domain: the page never reads the cards themselves.
    recall = defaultdict(lambda: defaultdict(lambda: [0.0, 0]))  # user -> domain -> [recall sum, cards]
    sums = (
        Card.objects.filter(user_id__in=user_ids, question__domains__exam=exam)
        .values_list("user_id", "question__domains")
        .annotate(recall=Sum(retrievability(now, decays, default_decay)), cards=Count("pk"))
    )
    for uid, domain_id, recall_sum, cards in sums:
        recall[uid][domain_id] = [recall_sum, cards]
    first_tries = {
        uid: (total, passed)
        for uid, total, passed in ReviewLog.objects.filter(user_id__in=user_ids, state_before=scheduling.NEW)
        .values_list("user_id")
        .annotate(total=Count("pk"), passed=Count("pk", filter=~Q(rating=scheduling.AGAIN)))
    }
    calibrations = mock_exam_calibrations_of({uid: decays.get(uid, default_decay) for uid in user_ids})
    for uid, member in report.members.items():
        total, passed = first_tries.get(uid, (0, 0))
        calibration = calibrations.get(uid, {}).get(exam.pk)
        member.readiness = readiness.estimate(
            [
                readiness.DomainInput(
                    d.number, d.weight, questions.get(d.pk, 0), recall[uid][d.pk][0], recall[uid][d.pk][1]
                )
                for d in report.domains
            ],
            scored=exam.scored,
            pass_scaled=exam.pass_scaled,
            new_accuracy=readiness.first_try_accuracy(passed, total),
            offset=calibration.offset if calibration else 0.0,
        )
