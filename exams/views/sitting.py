"""Sitting an exam: one question at a time, saving every pick and flag, the summary, submitting."""

import re

from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from accounts.languages import content_language, other_language
from exams import services
from exams.models import AttemptItem
from exams.views.common import get_attempt_for_user, item_label, navigator
from topics.diagrams import hide_node
from topics.models import Case

# What the question page reads: the item, its attempt and blueprint title, the version's wording.
# The version's choices carry correctness; the view copies out only their texts.
QUESTION_FIELDS = (
    "id", "position", "choose", "choice_order", "selected", "flagged", "attempt_id",
    "attempt__id", "attempt__code", "attempt__user_id", "attempt__size", "attempt__deadline",
    "attempt__started_at", "attempt__submitted_at", "attempt__position", "attempt__ended_by",
    "attempt__scaled", "attempt__blueprint__title_en", "attempt__blueprint__title_ko",
    "version__stem_en", "version__stem_ko", "version__choices", "version__figure",
)  # fmt: skip


@login_required
def attempt(request, code):
    """Resume where the learner was, or the result once submitted."""
    attempt = get_attempt_for_user(request, code)
    if attempt.is_submitted:
        return redirect("exams:result", code=attempt.code)
    return redirect("exams:question", code=attempt.code, position=attempt.position)


def _question_context(request, item: AttemptItem, picked: set[str] | None = None) -> dict:
    """Only what the learner may see before submitting: texts, picks, flag. Never correctness."""
    language = content_language(request)
    version = item.version
    by_id = {choice["id"]: choice for choice in version.choices}
    picked = set(item.selected) if picked is None else picked
    choices = [
        {
            "n": n,
            "text_en": by_id[choice_id]["text_en"],
            "text_ko": by_id[choice_id]["text_ko"],
            "picked": choice_id in picked,
        }
        for n, choice_id in enumerate(item.choice_order, start=1)
    ]
    figure = None
    if version.figure:  # a "missing box" question: its diagram with the box hidden
        svg = Case.objects.values_list(f"svg_{language}", flat=True).get(slug=version.figure["case"])
        figure = hide_node(svg, version.figure["hide"])
    attempt = item.attempt
    now = timezone.now()
    return {
        "attempt": attempt,
        "item": item,
        "stem": {"stem_en": version.stem_en, "stem_ko": version.stem_ko},
        "choices": choices,
        "figure": figure,
        "navigator": navigator(attempt, item.position),
        "seconds_left": attempt.seconds_left(now),
        "server_now": now,
        "content_language": language,
        "other_language": other_language(language),
        "is_first": item.position == 1,
        "is_last": item.position == attempt.size,
    }


@login_required
@vary_on_headers("HX-Request")
def question(request, code, position):
    """One question (at most 5 queries: the item with its attempt and wording, the position, the
    navigator, and a diagram for a missing-box question)."""
    item = get_object_or_404(
        AttemptItem.objects.select_related("attempt__blueprint", "version").only(*QUESTION_FIELDS),
        attempt__code=code,
        attempt__user=request.user,
        position=position,
    )
    attempt = services.close_if_expired(item.attempt)
    if attempt.is_submitted:
        url = reverse("exams:result", args=[attempt.code])
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    services.remember_position(attempt, position)
    picked = None
    if "answering" in request.GET:  # a language flip carries the picks on screen along
        numbers = [int(n) for n in request.GET.getlist("choice") if n.isdigit()]
        picked = {item.choice_order[n - 1] for n in numbers if 1 <= n <= len(item.choice_order)}
    context = _question_context(request, item, picked)
    template = "exams/question.html#exam-item" if request.htmx else "exams/question.html"
    return render(request, template, context)


# A choice or question number as the pages write it. str.isdigit() also takes "²" and 5,000-digit
# strings, which int() then refuses with a ValueError (a 500).
_NUMBER = re.compile(r"[0-9]{1,4}")


def _picks(request) -> list[int] | None:
    if "answering" not in request.POST:
        return None
    values = request.POST.getlist("choice")
    if not all(_NUMBER.fullmatch(value) for value in values):
        raise BadRequest(_("The answer does not match this question's choices. Nothing was saved."))
    return [int(value) for value in values]


def _flag(request) -> bool | None:
    value = request.POST.get("flag")
    return None if value is None else value == "1"


def _next_url(attempt, position: int, go: str) -> str:
    """Where a plain form post goes after saving: another question, the summary, or this one."""
    if go == "summary":
        return reverse("exams:summary", args=[attempt.code])
    targets = {"next": min(position + 1, attempt.size), "prev": max(position - 1, 1)}
    if _NUMBER.fullmatch(go) and 1 <= int(go) <= attempt.size:
        targets[go] = int(go)
    return reverse("exams:question", args=[attempt.code, targets.get(go, position)])


@login_required
@require_POST
def answer(request, code, position):
    """Save the selection and/or the flag of one question of the learner's running attempt.

    The endpoint a load test drives. Form fields (urlencoded; CSRF token as `csrfmiddlewaretoken` or
    the `X-CSRFToken` header):
      answering=1   the `choice` values replace the saved selection (absent: selection left alone)
      choice=N      a choice by its number as shown on the page, 1-based; repeat it for multiple
                    response; none (with answering=1) clears the selection
      flag=1 | 0    set or clear the flag (absent: flag left alone)
      go=next | prev | summary | N   without JavaScript: where to go after saving (default: this question)
    Answers: htmx (HX-Request header) 200 with the save status and, out of band, the flag button and
    the navigator cell; otherwise 303 to the question (or `go`). Refusals change nothing: 409 after
    the deadline or the submission, 422 more choices than asked, 400 a choice that is not one, 404
    someone else's attempt. Costs two queries besides the session and the user.
    """
    try:
        flagged = _flag(request)
        saved = services.save(
            user=request.user, code=code, position=position, picks=_picks(request), flagged=flagged
        )
    except AttemptItem.DoesNotExist:
        raise Http404 from None
    except services.AttemptClosed as refused:
        return _closed(request, refused.attempt)
    except services.NotAChoice:
        raise BadRequest(_("The answer does not match this question's choices. Nothing was saved.")) from None
    except services.TooManyChoices:
        return _too_many(request, code, position)
    if not request.htmx:
        return redirect(_next_url(saved.attempt, position, request.POST.get("go", "")))
    item = saved.item
    context = {
        "attempt": saved.attempt,
        "item": item,
        "saved_at": item.saved_at,
        "flag_changed": flagged is not None,
        "cell": {
            "position": item.position,
            "answered": bool(item.selected),
            "flagged": item.flagged,
            "current": True,
            "label": item_label(item.position, bool(item.selected), item.flagged),
        },
    }
    return render(request, "exams/question.html#saved", context)


def _closed(request, attempt):
    context = {"attempt": attempt}
    if request.htmx:
        return render(request, "exams/question.html#closed", context, status=409)
    return render(request, "exams/closed.html", context, status=409)


def _too_many(request, code, position):
    item = get_object_or_404(
        AttemptItem.objects.only("choose"), attempt__code=code, attempt__user=request.user, position=position
    )
    message = _("Choose at most %(n)s answers. Nothing was saved.") % {"n": item.choose}
    if request.htmx:
        return render(request, "exams/question.html#problem", {"message": message}, status=422)
    raise BadRequest(message)


@login_required
def summary(request, code):
    """Every question's state before submitting: the unanswered and the flagged ones listed."""
    attempt = get_attempt_for_user(request, code)
    if attempt.is_submitted:
        return redirect("exams:result", code=attempt.code)
    cells = navigator(attempt)
    return render(
        request,
        "exams/summary.html",
        {
            "attempt": attempt,
            "navigator": cells,
            "unanswered": [c for c in cells if not c["answered"]],
            "flagged": [c for c in cells if c["flagged"]],
            "seconds_left": attempt.seconds_left(timezone.now()),
            "server_now": timezone.now(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def submit(request, code):
    """GET: ask for confirmation. POST: submit (twice is harmless) and show the result."""
    attempt = get_attempt_for_user(request, code)
    if request.method == "POST":
        services.submit(attempt=attempt)
        return redirect("exams:result", code=attempt.code)
    if attempt.is_submitted:
        return redirect("exams:result", code=attempt.code)
    cells = navigator(attempt)
    return render(
        request,
        "exams/confirm.html",
        {
            "attempt": attempt,
            "unanswered": sum(not c["answered"] for c in cells),
            "flagged": sum(c["flagged"] for c in cells),
            "seconds_left": attempt.seconds_left(timezone.now()),
            "server_now": timezone.now(),
        },
    )
