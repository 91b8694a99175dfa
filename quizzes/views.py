import random
import re

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import push_url

from accounts.languages import content_language, other_language
from quizzes.forms import PracticeStartForm
from quizzes.models import PracticeItem, PracticeQuiz
from quizzes.services import AnswerRefused, answer_practice_item, start_practice
from topics.diagrams import hide_node
from topics.models import Case


def _get_quiz_for_user(request, code) -> PracticeQuiz:
    return get_object_or_404(PracticeQuiz, code=code, user=request.user)


def _get_item_for_user(request, code, position) -> PracticeItem:
    return get_object_or_404(
        PracticeItem.objects.select_related("quiz", "version", "question__topic", "question__case", "answer"),
        quiz__code=code,
        quiz__user=request.user,
        position=position,
    )


@login_required
def practice_home(request):
    language = content_language(request)
    form = PracticeStartForm(initial=request.GET.dict(), language=language)
    quizzes = (
        PracticeQuiz.objects.filter(user=request.user)
        .annotate(answered=Count("items", filter=Q(items__answer__isnull=False)))
        .annotate(right=Count("items", filter=Q(items__answer__is_correct=True)))[:10]
    )
    return render(
        request,
        "quizzes/practice_home.html",
        {"form": form, "quizzes": quizzes, "content_language": language},
    )


@login_required
@require_POST
def practice_start(request):
    language = content_language(request)
    form = PracticeStartForm(request.POST, language=language)
    if not form.is_valid():
        return render(
            request,
            "quizzes/practice_home.html",
            {"form": form, "quizzes": [], "content_language": language},
            status=400,
        )
    try:
        quiz = start_practice(
            user=request.user, scope=form.scope_object(), size=form.cleaned_data["size"], rng=random.Random()
        )
    except AnswerRefused:
        form.add_error(None, _("There are no questions for this choice yet. Pick another one."))
        return render(
            request,
            "quizzes/practice_home.html",
            {"form": form, "quizzes": [], "content_language": language},
            status=400,
        )
    return redirect(quiz)


@login_required
def practice_quiz(request, code):
    """Resume: the first unanswered question, or the summary when every question is answered."""
    quiz = _get_quiz_for_user(request, code)
    item = quiz.items.filter(answer__isnull=True).order_by("position").only("position").first()
    if item is None:
        return redirect("quizzes:practice-summary", code=quiz.code)
    return redirect("quizzes:practice-item", code=quiz.code, position=item.position)


def _item_context(request, item: PracticeItem, **extra) -> dict:
    language = content_language(request)
    version = item.version
    by_id = {choice["id"]: choice for choice in version.choices}
    answered = item.answer is not None
    choices = []
    for choice_id in item.choice_order:
        choice = by_id[choice_id]
        entry = {"id": choice_id, "text_en": choice["text_en"], "text_ko": choice["text_ko"]}
        if answered:  # correctness and explanations only after the learner has answered
            entry |= {
                "correct": choice["correct"],
                "selected": choice_id in item.answer.selected,
                "why_en": choice["why_en"],
                "why_ko": choice["why_ko"],
            }
        choices.append(entry)
    figure = None
    if version.figure:
        case = Case.objects.only("svg_en", "svg_ko").get(slug=version.figure["case"])
        figure = hide_node(getattr(case, f"svg_{language}"), version.figure["hide"])
    total = item.quiz.size
    return {
        "item": item,
        "quiz": item.quiz,
        "version": version,
        "choices": choices,
        "answered": answered,
        "figure": figure,
        "total": total,
        "is_last": item.position >= total,
        "content_language": language,
        "other_language": other_language(language),
        **extra,
    }


def _render_item(request, item, status=200, **extra):
    if not request.htmx:
        return render(
            request, "quizzes/practice_item.html", _item_context(request, item, **extra), status=status
        )
    response = render(
        request, "quizzes/practice_item.html#item", _item_context(request, item, **extra), status=status
    )
    return push_url(
        response,
        request.get_full_path()
        if request.method == "GET" and "lang=" in request.get_full_path()
        else item.get_absolute_url(),
    )


@login_required
def practice_item(request, code, position):
    item = _get_item_for_user(request, code, position)
    if request.method != "POST":
        return _render_item(request, item)
    selected = request.POST.getlist("choice")
    try:
        answer_practice_item(item=item, selected=selected)
    except AnswerRefused as refused:
        reason = str(refused)
        if reason == "already-answered":
            item.refresh_from_db()
            return _render_item(
                request,
                item,
                status=409,
                notice=_(
                    "You had already answered this question (perhaps in another tab). Your first answer counts; here is the feedback."
                ),
            )
        if reason == "count":
            message = (
                _("Choose exactly %(n)s answers.") % {"n": item.question.choose}
                if item.question.choose > 1
                else _("Choose one answer.")
            )
            return _render_item(request, item, status=422, error=message)
        return render(
            request,
            "400.html",
            {"errors": [_("The answer does not match this question's choices. Nothing was saved.")]},
            status=400,
        )
    if request.htmx:
        return _render_item(request, item)
    return redirect(item)


def _snippet(item: PracticeItem, language: str) -> str:
    """The stem without the scenario's opening sentence (the same for every question of a case)."""
    stem = getattr(item.version, f"stem_{language}") or item.version.stem_en
    case = item.question.case
    if case is not None:
        stem = stem.removeprefix(getattr(case, f"company_{language}")).strip()
    return " ".join(re.sub(r"^\s*[-+]\s|\*\*", " ", stem, flags=re.MULTILINE).split())


@login_required
def practice_summary(request, code):
    language = content_language(request)
    quiz = _get_quiz_for_user(request, code)
    items = list(
        quiz.items.select_related("answer", "version", "question__topic", "question__case").order_by(
            "position"
        )
    )
    for item in items:
        item.snippet = _snippet(item, language)
    answered = [i for i in items if i.answer]
    right = sum(1 for i in answered if i.answer.is_correct)
    review = {}
    for item in answered:
        topic = item.question.topic
        if not item.answer.is_correct and topic is not None:
            review.setdefault(topic.pk, {"topic": topic, "count": 0})["count"] += 1
    return render(
        request,
        "quizzes/practice_summary.html",
        {
            "quiz": quiz,
            "items": items,
            "answered": len(answered),
            "right": right,
            "percent": round(100 * right / len(answered)) if answered else 0,
            "review": sorted(review.values(), key=lambda r: -r["count"]),
            "unanswered": len(items) - len(answered),
            "content_language": language,
        },
    )
