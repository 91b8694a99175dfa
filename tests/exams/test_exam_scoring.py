"""Scoring (Django-free): all-or-nothing items, unanswered is wrong, the scaled estimate, domains."""

from exams.scoring import Graded, grade, is_right, right_needed, scaled_score


def test_multiple_response_is_all_or_nothing_and_unanswered_is_wrong():
    assert is_right(["a", "b"], {"a", "b"})
    assert not is_right(["a"], {"a", "b"})  # half right is wrong
    assert not is_right(["a", "b", "c"], {"a", "b"})
    assert not is_right([], {"a"})


def test_the_scaled_estimate_reads_the_share_right_as_the_same_share_of_1000():
    assert scaled_score(36, 50) == 720  # SAA-C03's pass line
    assert scaled_score(50, 50) == 1000
    assert scaled_score(0, 50) == 100  # the scale's floor
    assert right_needed(50, 720) == 36
    assert right_needed(65, 750) == 49  # 48.75 rounds up


def test_grade_counts_only_scored_items_and_breaks_down_by_domain():
    items = [
        Graded(1, True, ("a",), frozenset({"a"})),
        Graded(1, True, ("b",), frozenset({"a"})),
        Graded(2, True, ("a", "b"), frozenset({"a", "b"})),
        Graded(2, False, (), frozenset({"a"})),  # unscored: left out of everything
        Graded(3, True, (), frozenset({"a"})),
    ]
    result = grade(items, pass_scaled=720)
    assert (result.right, result.total) == (2, 4)
    assert result.scaled == 500 and not result.passed
    assert [(d.number, d.right, d.total) for d in result.domains] == [(1, 1, 2), (2, 1, 1), (3, 0, 1)]
