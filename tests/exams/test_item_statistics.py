"""Item statistics on synthetic attempts whose facility, discrimination and reliability are known."""

import math
import statistics
from datetime import timedelta

import pytest

from exams import itemstats
from exams.itemstats import Response, Sitting

# Five learners, five items. A-D form a perfect ladder (the strongest gets all four, the weakest none);
# E is right only for the weakest learner: it discriminates the wrong way.
MATRIX = {
    "A": [1, 1, 1, 1, 0],
    "B": [1, 1, 1, 0, 0],
    "C": [1, 1, 0, 0, 0],
    "D": [1, 0, 0, 0, 0],
    "E": [0, 0, 0, 0, 1],
}
VERSION = {name: number for number, name in enumerate(MATRIX, start=1)}
KEY = {version: {"key"} for version in VERSION.values()}
# Wrong answers to C all pick the same distractor; wrong answers elsewhere spread over four.
SPREAD = ["w", "x", "y", "z"]


def picks(name: str, learner: int, right: int) -> tuple[str, ...]:
    if right:
        return ("key",)
    return ("x",) if name == "C" else (SPREAD[learner % 4],)


def sittings(blueprint: int = 1) -> list[Sitting]:
    return [
        Sitting(
            blueprint,
            tuple(
                Response(
                    VERSION[name],
                    bool(MATRIX[name][learner]),
                    picks(name, learner, MATRIX[name][learner]),
                    seconds=30.0 + 10 * learner + VERSION[name],
                )
                for name in MATRIX
            ),
        )
        for learner in range(5)
    ]


def test_facility_is_the_share_right():
    results = itemstats.item_results(sittings(), KEY)
    assert {name: results[v].facility for name, v in VERSION.items()} == {
        "A": 0.8, "B": 0.6, "C": 0.4, "D": 0.2, "E": 0.2,
    }  # fmt: skip
    assert all(results[v].attempts == 5 for v in VERSION.values())


def test_discrimination_is_the_point_biserial_against_the_rest_of_the_attempt():
    results = itemstats.item_results(sittings(), KEY)
    # E by hand: its scores (0,0,0,0,1) against the rest shares (1, .75, .5, .25, 0): r = -0.5 / sqrt(0.5).
    assert results[VERSION["E"]].discrimination == pytest.approx(-1 / math.sqrt(2))
    for name, version in VERSION.items():  # each one against an independent computation
        totals = [sum(MATRIX[n][learner] for n in MATRIX) for learner in range(5)]
        rest = [(totals[i] - MATRIX[name][i]) / 4 for i in range(5)]
        assert results[version].discrimination == pytest.approx(statistics.correlation(MATRIX[name], rest))
    # B climbs with the rest of the attempt; A less so, because E gives the weakest learner a point.
    assert results[VERSION["B"]].discrimination == pytest.approx(0.3 / math.sqrt(0.24))
    assert results[VERSION["A"]].discrimination == pytest.approx(0.1961, abs=1e-4)


def test_an_item_everyone_gets_right_has_no_discrimination_rather_than_a_made_up_one():
    same = [Sitting(1, (Response(1, True, ("key",)), Response(2, bool(i % 2), ("key",)))) for i in range(6)]
    results = itemstats.item_results(same, {1: {"key"}, 2: {"key"}})
    assert results[1].facility == 1.0 and results[1].discrimination is None and results[1].reasons == []


def test_pick_rates_median_time_and_the_needs_checking_flags():
    results = itemstats.item_results(sittings(), KEY)
    a, b, c, d, e = (results[VERSION[n]] for n in "ABCDE")
    assert c.pick_rates == {"key": 0.4, "x": 0.6}
    assert c.reasons == ["a distractor outdraws the key"]
    assert e.reasons == ["negative discrimination"]
    assert a.reasons == ["low discrimination"]  # 0.196, under 0.2
    assert b.reasons == [] and d.reasons == []  # D: hard, but no distractor draws more than its key
    assert a.median_seconds == 30.0 + 20 + 1  # the middle learner's time on A


def test_too_few_attempts_flag_nothing():
    results = itemstats.item_results(sittings()[:4], KEY)
    assert all(r.reasons == [] for r in results.values())


def test_blueprint_mean_spread_and_cronbach_alpha():
    results = itemstats.item_results(sittings(), KEY)
    blueprint = itemstats.blueprint_results(sittings(), results)[1]
    percents = [100 * sum(MATRIX[n][i] for n in MATRIX) / 5 for i in range(5)]  # 80 60 40 20 20
    assert blueprint.attempts == 5 and blueprint.scores == percents
    assert blueprint.mean == pytest.approx(44.0) and blueprint.spread == pytest.approx(
        statistics.pstdev(percents)
    )
    # Cronbach's alpha the textbook way: k/(k-1) * (1 - sum of item variances / variance of totals).
    totals = [sum(MATRIX[n][i] for n in MATRIX) for i in range(5)]
    item_variance = sum(statistics.pvariance(column) for column in MATRIX.values())
    assert blueprint.alpha == pytest.approx(5 / 4 * (1 - item_variance / statistics.pvariance(totals)))
    assert blueprint.alpha == pytest.approx(0.3676, abs=1e-4)  # 5/4 * (1 - 0.96 / 1.36)


def test_a_ladder_without_the_reversed_item_is_reliable():
    ladder = [Sitting(1, tuple(r for r in s.responses if r.version != VERSION["E"])) for s in sittings()]
    results = itemstats.item_results(ladder, KEY)
    assert itemstats.blueprint_results(ladder, results)[1].alpha == pytest.approx(0.8)  # 4/3 * (1 - 0.8/2)


# -------------------------------------------------------------------------------- stored by the task, from attempts


@pytest.mark.django_db
def test_the_task_stores_statistics_from_submitted_attempts_and_flags_questions(learner, drill, settings):
    from django.utils import timezone

    from exams.models import Attempt, AttemptItem, BlueprintStatistic, ItemStatistic
    from exams.tasks import refresh_item_statistics
    from quizzes.models import Question

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    questions = list(Question.objects.filter(key__startswith="bank:SAA-C03:s").order_by("key")[:5])
    by_name = dict(zip(MATRIX, questions, strict=True))
    start = timezone.now() - timedelta(days=1)
    for learner_index in range(5):
        attempt = Attempt.objects.create(
            user=learner if learner_index == 0 else _user(learner_index), blueprint=drill, size=5, minutes=30,
            pass_scaled=720, started_at=start, deadline=start + timedelta(minutes=30),
            submitted_at=start + timedelta(minutes=10), ended_by="learner", scaled=500,
        )  # fmt: skip
        for position, (name, question) in enumerate(by_name.items(), start=1):
            version = question.current_version
            right = bool(MATRIX[name][learner_index])
            key = [c["id"] for c in version.choices if c["correct"]]
            wrong = [c["id"] for c in version.choices if not c["correct"]]
            chosen = key if right else [wrong[0] if name == "C" else wrong[learner_index % len(wrong)]]
            AttemptItem.objects.create(
                attempt=attempt, position=position, question=question, version=version, choose=1,
                choice_order=[c["id"] for c in version.choices], selected=chosen, is_correct=right,
                saved_at=start + timedelta(seconds=30 * position),
            )  # fmt: skip
    result = refresh_item_statistics.enqueue()
    assert result.return_value == {"items": 5, "blueprints": 1, "flagged": 4}
    stats = {s.question_id: s for s in ItemStatistic.objects.all()}
    assert stats[by_name["A"].pk].facility == 0.8 and stats[by_name["A"].pk].median_seconds == 30.0
    assert stats[by_name["E"].pk].discrimination == pytest.approx(-1 / math.sqrt(2))
    flagged = set(Question.objects.filter(needs_checking=True).values_list("pk", flat=True))
    # A: low discrimination; C: a distractor outdraws the key; E: negative discrimination; D: its four
    # wrong answers fall on three distractors, so one of them (0.4) outdraws the key (0.2).
    assert flagged == {by_name[name].pk for name in "ACDE"}
    assert stats[by_name["D"].pk].reasons == ["a distractor outdraws the key"]
    blueprint = BlueprintStatistic.objects.get(blueprint=drill)
    assert blueprint.alpha == pytest.approx(0.3676, abs=1e-4) and blueprint.mean == pytest.approx(44.0)


def _user(index):
    from tests.conftest import make_user

    return make_user(f"sitter{index}@example.com")


def test_alpha_is_not_given_when_every_question_was_met_once():
    """Each sitting drew its own questions: no item variance can be estimated, so no alpha (it read 1.25)."""
    own = [
        Sitting(1, tuple(Response(10 * n + i, (i + n) % 3 == 0, ("key",)) for i in range(5)))
        for n in range(4)
    ]
    keys = {r.version: {"key"} for s in own for r in s.responses}
    results = itemstats.item_results(own, keys)
    summary = itemstats.blueprint_results(own, results)[1]
    assert summary.alpha is None and summary.mean is not None
