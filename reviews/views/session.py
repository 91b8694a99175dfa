"""The daily review session: one card at a time (question, answer, feedback, rating), and undo."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseLocation, push_url

from accounts.languages import language_context
from accounts.links import path_on_this_site
from quizzes.models import Question
from quizzes.services import NotAChoice, WrongCount
from reviews import queue as review_queue
from reviews import services
from reviews.models import Card, ReviewLog, ReviewSettings
from reviews.rating import rating_context, settings_of
from reviews.services import TOPIC_TEXTS
from topics.diagrams import hide_node
from topics.models import Case

TEMPLATE = "reviews/session.html"
TOPIC_TEXTS_OF_LOG = [f"card__question__{name}" for name in TOPIC_TEXTS]


# What a card's question page reads: no notes, scenarios or diagrams of its topic (the feedback links
# to the topic; the answer service loads it).
ASK_FIELDS = (
    "code", "reps", "lapses", "leech", "suspended", "user_id", "question_id",
    "question__code", "question__choose", "question__kind", "question__current_version_id",
    "question__current_version__number", "question__current_version__stem_en",
    "question__current_version__stem_ko", "question__current_version__choices",
    "question__current_version__figure",
)  # fmt: skip


def _cards_to_ask():
    return Card.objects.select_related("question__current_version").only(*ASK_FIELDS)


def _get_card_for_user(request, code) -> Card:
    return get_object_or_404(_cards_to_ask(), code=code, user=request.user)


def _figure(version, language: str) -> str | None:
    if not version.figure:
        return None
    case = Case.objects.only("svg_en", "svg_ko").get(slug=version.figure["case"])
    return hide_node(getattr(case, f"svg_{language}"), version.figure["hide"])


def _ask(request, *, question: Question, card: Card | None, picked=None, **extra) -> dict:
    """The question side: stem and choices, and nothing that tells the answer (no correctness, no
    explanation, no interval previews) until the learner has answered. `picked`: choices to keep
    checked (a refused answer; a language flip sends them along as ?choice=)."""
    picked = set(request.GET.getlist("choice") if picked is None else picked)
    version = question.current_version
    order = services.choice_order(
        user_id=request.user.pk, question_id=question.pk, reps=card.reps if card else 0, version=version
    )
    by_id = {choice["id"]: choice for choice in version.choices}
    language = language_context(request)
    return {
        "mode": "ask",
        "question": question,
        "version": version,
        "card": card,
        "choices": [
            {
                "id": cid,
                "text_en": by_id[cid]["text_en"],
                "text_ko": by_id[cid]["text_ko"],
                "picked": cid in picked,
            }
            for cid in order
        ],
        "action": reverse("reviews:card", args=[card.code])
        if card
        else reverse("reviews:new", args=[question.code]),
        "shown_ms": int(timezone.now().timestamp() * 1000),
        "figure": _figure(version, language["content_language"]),
        **language,
        **extra,
    }


def _feedback(request, log: ReviewLog, card: Card, settings: ReviewSettings, **extra) -> dict:
    """The answer side: what was right, why each option is right or wrong, and the rating."""
    version = log.version
    by_id = {choice["id"]: choice for choice in version.choices}
    selected = set(log.answer.selected) if log.answer else set()
    order = [cid for cid in (log.choice_order or []) if cid in by_id] or list(by_id)
    language = language_context(request)
    return {
        "mode": "feedback",
        "log": log,
        "card": card,
        "question": card.question,
        "version": version,
        "is_correct": log.rating != ReviewLog.Rating.AGAIN,
        "choices": [
            {
                "id": cid,
                "text_en": by_id[cid]["text_en"],
                "text_ko": by_id[cid]["text_ko"],
                "why_en": by_id[cid]["why_en"],
                "why_ko": by_id[cid]["why_ko"],
                "correct": by_id[cid]["correct"],
                "selected": cid in selected,
            }
            for cid in order
        ],
        "figure": _figure(version, language["content_language"]),
        "rating": rating_context(log, card, settings),
        **language,
        **extra,
    }


def _render(request, context: dict, status: int = 200, push: str | None = None):
    if not request.htmx:
        return render(request, TEMPLATE, context, status=status)
    response = render(request, f"{TEMPLATE}#review", context, status=status)
    return push_url(response, push) if push else response


@login_required
@vary_on_headers("HX-Request")
def session(request):
    """The next card due (least likely remembered first), then a new question, or "done for now"."""
    settings = ReviewSettings.for_user(request.user)
    queue = review_queue.build(request.user, settings, timezone.now())
    extra = {"queue": queue, "settings": settings, "session": True}
    if queue.next_card:
        card = _cards_to_ask().get(pk=queue.next_card.pk)
        context = _ask(request, question=card.question, card=card, **extra)
    elif queue.new_question:
        context = _ask(request, question=queue.new_question, card=None, is_new=True, **extra)
    else:
        context = {"mode": "done", **extra}
    return _render(request, context, push=request.get_full_path())


def _answer(request, answer, shown):
    """Run an answer service and show the feedback, or the question again with what went wrong.

    `shown()` gives the (question, card) to show again when the answer is refused."""
    selected = request.POST.getlist("choice")
    try:
        version_number = int(request.POST["version"]) if request.POST.get("version") else None
        shown_ms = int(request.POST["shown"]) if request.POST.get("shown") else None
    except ValueError:
        raise BadRequest(_("The answer form was changed. Nothing was saved.")) from None
    try:
        result = answer(selected=selected, version_number=version_number, shown_ms=shown_ms)
    except WrongCount:
        question, card = shown()
        message = (
            _("Choose exactly %(n)s answers.") % {"n": question.choose}
            if question.choose > 1
            else _("Choose one answer.")
        )
        context = _ask(request, question=question, card=card, picked=set(selected), error=message)
        return _render(request, context, 422)
    except NotAChoice:
        raise BadRequest(_("The answer does not match this question's choices. Nothing was saved.")) from None
    url = reverse("reviews:reviewed", args=[result.log.code])
    if not request.htmx:
        return redirect(url)
    context = _feedback(request, result.log, result.card, result.settings, became_leech=result.became_leech)
    return _render(request, context, push=url)


@login_required
@vary_on_headers("HX-Request")
def card(request, code):
    """One of the learner's cards: its question (GET), or the answer to it (POST). 404 for others."""
    if request.method != "POST":
        found = _get_card_for_user(request, code)
        return _render(request, _ask(request, question=found.question, card=found))

    def answer(**kwargs):
        try:  # the service loads and locks the card, with the same ownership check
            return services.answer_card(user=request.user, code=code, **kwargs)
        except Card.DoesNotExist:
            raise Http404 from None

    def shown():
        found = _get_card_for_user(request, code)
        return found.question, found

    return _answer(request, answer, shown)


@login_required
@vary_on_headers("HX-Request")
def new(request, code):
    """A published question the learner has never answered, met in the session (it becomes a card)."""
    question = get_object_or_404(
        Question.objects.select_related("current_version", "topic", "case"),
        code=code,
        status=Question.Status.PUBLISHED,
        current_version__isnull=False,
    )
    existing = (
        Card.objects.filter(user=request.user, question=question).values_list("code", flat=True).first()
    )
    if existing:
        return redirect("reviews:card", code=existing)
    if request.method != "POST":
        return _render(request, _ask(request, question=question, card=None, is_new=True))

    def answer(**kwargs):
        return services.answer_new(user=request.user, question=question, **kwargs)

    return _answer(request, answer, lambda: (question, None))


@login_required
@vary_on_headers("HX-Request")
def reviewed(request, code):
    """The feedback of one of the learner's reviews (where a review lands; survives a refresh)."""
    log = get_object_or_404(
        ReviewLog.objects.select_related(
            "version",
            "answer",
            "card__question__topic",
            "card__question__case",
            "card__user__review_settings",
        ),
        code=code,
        user=request.user,
    )
    return _render(request, _feedback(request, log, log.card, settings_of(log.card)))


@login_required
@vary_on_headers("HX-Request")
def practice_rating(request, code, position):
    """The rating box of a practice answer (loaded under its feedback); 404 unless it is the learner's."""
    log = get_object_or_404(
        ReviewLog.objects.select_related("card__user__review_settings"),
        answer__practice_item__quiz__code=code,
        answer__practice_item__position=position,
        user=request.user,
    )
    next_url = reverse("quizzes:practice-item", args=[code, position])
    context = rating_context(log, log.card, settings_of(log.card)) | {"next": next_url}
    template = "reviews/practice_rating.html#box" if request.htmx else "reviews/practice_rating.html"
    return render(request, template, context)


@login_required
@require_POST
def rate(request, code):
    """Amend the rating of a right answer (Hard, Good, Easy) while it is the card's latest review."""
    try:
        rating = int(request.POST.get("rating", ""))
    except ValueError:
        raise BadRequest(_("Choose Hard, Good or Easy.")) from None
    try:
        result = services.amend_rating(user=request.user, code=code, rating=rating)
    except ReviewLog.DoesNotExist:
        raise Http404 from None
    except services.RatingLocked:
        log = get_object_or_404(
            ReviewLog.objects.select_related("card__user__review_settings"), code=code, user=request.user
        )
        notice = _(
            "This rating can no longer change: the card has been reviewed again since, or the answer was wrong."
        )
        if request.htmx:
            context = rating_context(log, log.card, settings_of(log.card)) | {"notice": notice}
            return render(request, "reviews/includes/rating.html", context, status=409)
        messages.error(request, notice)
        return redirect("reviews:reviewed", code=code)
    if request.POST.get("then") == "session":
        if request.htmx:
            return HttpResponseLocation(reverse("reviews:session"), target="#review", swap="outerHTML")
        return redirect("reviews:session")
    next_url = path_on_this_site(request, request.POST.get("next", ""), "")
    if request.htmx:
        context = rating_context(result.log, result.card, result.settings) | {"saved": True, "next": next_url}
        return render(request, "reviews/includes/rating.html", context)
    return HttpResponseRedirect(next_url or reverse("reviews:reviewed", args=[code]))


@login_required
@require_POST
def undo(request):
    """Take back the latest review-session review; its card comes back as it was."""
    try:
        card = services.undo_last_review(user=request.user, code=request.POST.get("review") or None)
    except services.NothingToUndo:
        messages.info(request, _("There is no review to undo."))
        return redirect("reviews:session")
    messages.success(request, _("Your last review was undone."))
    if card is None:
        return redirect("reviews:session")
    return redirect("reviews:card", code=card.code)


@login_required
@require_POST
def restore(request, code):
    """Put a suspended leech back into the reviews."""
    try:
        services.restore_card(user=request.user, code=code)
    except Card.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("The card is back in your reviews."))
    return redirect("reviews:progress")
