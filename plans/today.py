"""The study plan shaped for pages: the dashboard's "today" and the plan page's weeks."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plans import planner
from plans.inputs import Loaded

MOCK_KINDS = {
    planner.DIAGNOSTIC: _("Diagnostic mock exam"),
    planner.CHECKPOINT: _("Checkpoint mock exam"),
    planner.FINAL: _("Final mock exam"),
}


def mock_label(mock: planner.Mock | None):
    return MOCK_KINDS[mock.kind] if mock else None


def today(loaded: Loaded, language: str) -> dict:
    """What the dashboard's "today" card shows."""
    plan = loaded.built
    if plan is None or not plan.days:
        return {"loaded": loaded, "ready": False}
    day = plan.on(plan.today)
    mock = plan.next_mock()
    return {
        "loaded": loaded,
        "ready": True,
        "plan": plan,
        "topics": loaded.topic_list(day.topics, language),
        "minutes": day.minutes,
        "mock_today": mock_label(day.mock),
        "next_mock": mock,
        "next_mock_label": mock_label(mock),
        "next_mock_in": (mock.date - plan.today).days if mock else None,
    }


def weeks(loaded: Loaded, language: str) -> list[dict]:
    """The plan week by week, each with its reading days and mock exams."""
    return [
        {
            "number": week.number,
            "start": week.start,
            "end": week.end,
            "minutes": week.minutes,
            "topic_count": len(week.topics),
            "days": [
                {
                    "date": day.date,
                    "is_today": day.date == loaded.built.today,
                    "topics": loaded.topic_list(day.topics, language),
                    "minutes": day.minutes,
                    "mock": mock_label(day.mock),
                }
                for day in week.days
                if day.topics or day.mock
            ],
        }
        for week in loaded.built.weeks
    ]
