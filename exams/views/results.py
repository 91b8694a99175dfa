"""After submitting: the result (scores, domains, time), the review with explanations, the retake."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.languages import content_language
from exams import charts, scoring
from exams.models import AttemptItem
from exams.views.common import get_attempt_for_user
from quizzes.models import Scope
from quizzes.services import NoQuestions, start_practice

# The most a practice quiz holds (quizzes' practice_size_range constraint).
RETAKE_MAX = 30
FILTERS = ("all", "wrong", "flagged")
# What the review shows: the wording with every choice, why, the explanation, the topic and case links.
REVIEW_FIELDS = (
    "position",
    "choice_order",
    "selected",
    "flagged",
    "scored",
    "is_correct",
    "choose",
    "version__stem_en",
    "version__stem_ko",
    "version__explanation_en",
    "version__explanation_ko",
    "version__choices",
    "version__sources",
    "question__topic__slug",
    "question__topic__title_en",
    "question__topic__title_ko",
    "question__case__slug",
    "question__case__title_en",
    "question__case__title_ko",
    "domain__number",
)


def _submitted(request, code):
    attempt = get_attempt_for_user(request, code)
    return attempt, (None if attempt.is_submitted else redirect(attempt))


@login_required
def result(request, code):
    attempt, not_yet = _submitted(request, code)
    if not_yet:
        return not_yet
    rows = attempt.items.filter(scored=True).values_list(
        "domain__number", "domain__title_en", "domain__title_ko", "is_correct"
    )
    domains: dict = {}
    for number, title_en, title_ko, is_correct in rows:
        title = title_ko if get_language() == "ko" else title_en
        entry = domains.setdefault(number, [f"{number}. {title}" if number else _("All questions"), 0, 0])
        entry[1] += bool(is_correct)
        entry[2] += 1
    bars = [tuple(domains[n]) for n in sorted(domains, key=lambda n: n or 0)]
    wrong = attempt.items.filter(is_correct=False).count()
    chart = charts.domain_bars(
        bars,
        pass_share=attempt.pass_scaled / 1000,
        title=_("Right answers per exam domain"),
        description=", ".join(f"{label}: {right}/{total}" for label, right, total in bars),
        pass_label=_("pass line %(share)s%%") % {"share": attempt.pass_scaled // 10},
    )
    used = attempt.time_used
    return render(
        request,
        "exams/result.html",
        {
            "attempt": attempt,
            "chart": chart,
            "domains": bars,
            "wrong": wrong,
            "needed": scoring.right_needed(attempt.scored_total, attempt.pass_scaled),
            "minutes_used": int(used.total_seconds() // 60),
            "seconds_used": int(used.total_seconds() % 60),
        },
    )


@login_required
def review(request, code):
    """Every question with the learner's answer, the right one and why each option is right or wrong."""
    attempt, not_yet = _submitted(request, code)
    if not_yet:
        return not_yet
    show = request.GET.get("show", "all")
    show = show if show in FILTERS else "all"
    items = (
        attempt.items.select_related("version", "question__topic", "question__case", "domain")
        .only(*REVIEW_FIELDS)
        .order_by("position")
    )
    if show == "wrong":
        items = items.filter(is_correct=False)
    elif show == "flagged":
        items = items.filter(flagged=True)
    reviewed = []
    for item in items:
        by_id = {choice["id"]: choice for choice in item.version.choices}
        item.shown_choices = [
            {**by_id[choice_id], "selected": choice_id in item.selected} for choice_id in item.choice_order
        ]
        reviewed.append(item)
    return render(
        request,
        "exams/review.html",
        {
            "attempt": attempt,
            "items": reviewed,
            "show": show,
            "filters": FILTERS,
            "content_language": content_language(request),
        },
    )


@login_required
@require_POST
def retake(request, code):
    """A practice quiz of exactly the questions answered wrongly (at most 30, a practice quiz's size)."""
    attempt, not_yet = _submitted(request, code)
    if not_yet:
        return not_yet
    wrong = list(
        AttemptItem.objects.filter(attempt=attempt, is_correct=False)
        .order_by("position")
        .values_list("question_id", flat=True)
    )
    if not wrong:
        messages.info(request, _("No wrong answers to retake."))
        return redirect("exams:result", code=attempt.code)
    title = attempt.blueprint
    scope = Scope.of_questions(
        wrong[:RETAKE_MAX], f"Wrong answers · {title.title_en}", f"틀린 문제 · {title.title_ko}"
    )
    try:
        quiz = start_practice(user=request.user, scope=scope, size=min(len(wrong), RETAKE_MAX))
    except NoQuestions:  # every one of them was retired since
        messages.error(request, _("These questions are no longer in the bank."))
        return redirect("exams:result", code=attempt.code)
    if len(wrong) > RETAKE_MAX:
        messages.info(
            request,
            _(
                "A practice quiz holds at most %(max)s questions: this one has the first %(max)s of your %(n)s wrong answers."
            )
            % {"max": RETAKE_MAX, "n": len(wrong)},
        )
    return redirect(quiz)
