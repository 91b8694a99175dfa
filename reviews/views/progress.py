"""The learner's progress page and the export of their review history."""

from __future__ import annotations

import csv
from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.languages import content_language
from reviews import charts, stats
from reviews import export as review_export
from reviews.models import ReviewSettings

HEATMAP_WEEKS = 26


def _forecast_chart(counts: list[int], today) -> str:
    days = [today + timedelta(days=n) for n in range(len(counts))]
    return charts.bar_chart(
        counts,
        [date_format(day, _("n/j")) for day in days],
        title=_("Cards due in the next 30 days"),
        description=_("One bar a day from today; overdue cards count on today. %(total)d cards in all.")
        % {"total": sum(counts)},
        tips=[
            ngettext("%(day)s: %(n)d card due", "%(day)s: %(n)d cards due", n)
            % {"day": date_format(day, _("M j")), "n": n}
            for day, n in zip(days, counts, strict=True)
        ],
    )


def _heatmap_chart(days: dict, today) -> str:
    text = charts.HeatmapText(
        title=_("Reviews per day"),
        description=_("The last %(weeks)d weeks, one column a week, Monday on top; darker is more reviews.")
        % {"weeks": HEATMAP_WEEKS},
        weekdays=[str(WEEKDAYS_ABBR[n]) for n in range(7)],
        months=[str(MONTHS_3[n]).capitalize() for n in range(1, 13)],
        less=_("Less"),
        more=_("More"),
    )

    def tip(day, count):
        return ngettext("%(day)s: %(n)d review", "%(day)s: %(n)d reviews", count) % {
            "day": date_format(day, _("M j")),
            "n": count,
        }

    return charts.heatmap(stats.counts_by_day(days), end=today, text=text, tip=tip, weeks=HEATMAP_WEEKS)


def _domain_chart(progress: stats.ExamProgress, language: str) -> str:
    rows = [
        (
            f"{d.domain.number}. {getattr(d.domain, f'title_{language}') or d.domain.title_en}",
            d.share,
            f"{d.mastered} / {d.cards} · {round(100 * d.share)}%",
        )
        for d in progress.domains
    ]
    return charts.hbar_chart(
        rows,
        title=_("Mastery by domain: %(exam)s") % {"exam": progress.exam.code},
        description=_(
            "Share of your cards in each domain whose memory lasts 21 days or more (mastered / cards · percent)."
        ),
    )


@login_required
def progress(request):
    """Due and done today, streak, forecast, calendar, true retention, mastery, leeches, readiness."""
    now = timezone.now()
    today = timezone.localdate(now)
    settings = ReviewSettings.for_user(request.user)
    days = stats.daily(request.user, today - timedelta(days=400))
    summary = stats.summary(request.user, now)
    exams = stats.exams_progress(request.user, settings, now)
    language = request.LANGUAGE_CODE if request.LANGUAGE_CODE in ("en", "ko") else "en"
    for entry in exams:
        entry.chart = _domain_chart(entry, language)
        entry.percent = round(100 * entry.readiness.probability)
        entry.expected = round(100 * entry.readiness.expected_share)
    return render(
        request,
        "reviews/progress.html",
        {
            "summary": summary,
            "settings": settings,
            "days_to_exam": (settings.exam_date - today).days if settings.exam_date else None,
            "forecast_chart": _forecast_chart(stats.forecast(request.user, now), today),
            "heatmap_chart": _heatmap_chart(days, today),
            "retention": stats.retention(days, today),
            "exams": exams,
            "topics": stats.topics_mastery(request.user),
            "leeches": stats.leeches(request.user),
            "content_language": language,
        },
    )


class _Echo:
    def write(self, value):
        return value


@login_required
def export(request):
    """The learner's whole review history as CSV, streamed (one row per review, oldest first)."""
    writer = csv.writer(_Echo())
    language = content_language(request)

    def lines():
        yield writer.writerow(review_export.in_language(review_export.HEADER, language))
        for row in review_export.review_rows(request.user, language):
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="review-history-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    return response
