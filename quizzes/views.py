import re
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url

from accounts.languages import content_language, other_language
from accounts.links import path_on_this_site
from quizzes.forms import PracticeStartForm, ProblemReportForm, scopes_for_page
from quizzes.models import PracticeItem, PracticeQuiz, Question, QuestionVersion
from quizzes.services import (
    AlreadyAnswered,
    AlreadyReported,
    NoQuestions,
    NotAChoice,
    WrongCount,
    answer_practice_item,
    practice_item_for,
    practice_items_for,
    report_problem,
    start_practice,
)
from topics.diagrams import hide_node
from topics.models import Case


def _get_quiz_for_user(request, code) -> PracticeQuiz:
    return get_object_or_404(PracticeQuiz, code=code, user=request.user)


def _get_item_for_user(request, code, position) -> PracticeItem:
    try:
        return practice_item_for(request.user, code, position)
    except PracticeItem.DoesNotExist:
        raise Http404 from None


def _home(request, form: PracticeStartForm, status: int = 200):
    template = "quizzes/practice_home.html#start-form" if request.htmx else "quizzes/practice_home.html"
    quizzes = (
        []
        if request.htmx
        else PracticeQuiz.objects.filter(user=request.user).with_counts().order_by("-started_at")[:6]
    )
    context = {
        "form": form,
        "target": form[form.target_name],
        "scopes": scopes_for_page(form.kind),
        "quizzes": quizzes,
        "content_language": content_language(request),
    }
    return render(request, template, context, status=status)


@login_required
@vary_on_headers("HX-Request")  # a scope tab swaps only the form
def practice_home(request):
    form = PracticeStartForm(
        scope=request.GET.get("scope", "mixed"),
        initial=request.GET.dict(),
        language=content_language(request),
    )
    return _home(request, form)


@login_required
@require_POST
def practice_start(request):
    form = PracticeStartForm(
        request.POST, scope=request.POST.get("scope", "mixed"), language=content_language(request)
    )
    if not form.is_valid():
        return _home(request, form, status=400)
    try:
        quiz = start_practice(
            user=request.user, scope=form.cleaned_data["scope_object"], size=form.cleaned_data["size"]
        )
    except NoQuestions:
        form.add_error(None, _("There are no questions for this choice yet. Pick another one."))
        return _home(request, form, status=400)
    asked = form.cleaned_data["size"]
    if quiz.size < asked:  # never two questions on one requirement or fact: a narrow choice runs out
        messages.info(
            request,
            ngettext(
                "Only %(n)s different question fits this choice, so this quiz has %(n)s instead of %(asked)s.",
                "Only %(n)s different questions fit this choice, so this quiz has %(n)s instead of %(asked)s.",
                quiz.size,
            )
            % {"n": quiz.size, "asked": asked},
        )
    return redirect(quiz)


@login_required
def practice_quiz(request, code):
    """Resume: the first unanswered question, or the summary when every question is answered."""
    quiz = _get_quiz_for_user(request, code)
    # The quiz's few items through its (quiz, position) index, the open one picked here: a condition on
    # the answer let a planner with stale statistics scan every open item of every learner.
    items = quiz.items.values_list("position", "answer_id")
    first_open = min((position for position, answer in items if answer is None), default=None)
    if first_open is None:
        return redirect("quizzes:practice-summary", code=quiz.code)
    return redirect("quizzes:practice-item", code=quiz.code, position=first_open)


def _item_context(
    request, item: PracticeItem, selected: list[str] | None = None, *, figure: bool = True, **extra
) -> dict:
    """What the item page shows; `selected` are picks to keep (a refused submit, a language flip);
    `figure=False` for the answer area alone, which never shows the diagram."""
    language = content_language(request)
    version = item.version
    by_id = {choice["id"]: choice for choice in version.choices}
    answered = item.answer is not None
    picked = set(request.GET.getlist("choice") if selected is None else selected)
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
        else:
            entry["picked"] = choice_id in picked
        choices.append(entry)
    svg = None
    if figure and version.figure:  # the one query of a "missing box" question: its diagram, in one language
        svg = Case.objects.values_list(f"svg_{language}", flat=True).get(slug=version.figure["case"])
        svg = hide_node(svg, version.figure["hide"])
    total = item.quiz.size
    return {
        "item": item,
        "quiz": item.quiz,
        "version": version,
        "choices": choices,
        "answered": answered,
        "figure": svg,
        "total": total,
        "is_last": item.position >= total,
        "content_language": language,
        "other_language": other_language(language),
        **extra,
    }


def _render_item(request, item, status=200, **extra):
    if not request.htmx:
        context = _item_context(request, item, **extra)
        return render(request, "quizzes/practice_item.html", context, status=status)
    if request.method == "POST":  # an answer (or a refused one) replaces only the answer area
        context = _item_context(request, item, figure=False, **extra)
        return render(request, "quizzes/practice_item.html#answer-area", context, status=status)
    context = _item_context(request, item, **extra)
    response = render(request, "quizzes/practice_item.html#htmx-item", context, status=status)
    # The address bar shows the item, in the language asked for (a flip is shareable); never the picks
    # a flip carries along.
    url = item.get_absolute_url()
    if request.method == "GET" and "lang" in request.GET:
        url += "?" + urlencode({"lang": content_language(request)})
    return push_url(response, url)


@login_required
@vary_on_headers("HX-Request")  # the same URL answers a fragment to htmx and a page otherwise
def practice_item(request, code, position):
    if request.method != "POST":
        return _render_item(request, _get_item_for_user(request, code, position))
    selected = request.POST.getlist("choice")
    try:
        item = answer_practice_item(user=request.user, code=code, position=position, selected=selected)
    except PracticeItem.DoesNotExist:
        raise Http404 from None
    except AlreadyAnswered as refused:
        return _render_item(
            request,
            refused.item,
            status=409,
            notice=_(
                "You had already answered this question (perhaps in another tab). Your first answer counts; here is the feedback."
            ),
        )
    except WrongCount as refused:
        choose = refused.item.version.choose
        message = (
            _("Choose exactly %(n)s answers.") % {"n": choose} if choose > 1 else _("Choose one answer.")
        )
        return _render_item(request, refused.item, status=422, error=message, selected=selected)
    except NotAChoice:
        raise BadRequest(_("The answer does not match this question's choices. Nothing was saved.")) from None
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
    items = list(practice_items_for(request.user).filter(quiz=quiz).order_by("position"))
    for item in items:
        item.snippet = _snippet(item, language)
        if item.answer:  # the key tells apart questions whose stems read alike ("Which is NOT correct?")
            keys = [c[f"text_{language}"] or c["text_en"] for c in item.version.choices if c["correct"]]
            item.key = " / ".join(keys)
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


REPORT_TEMPLATE = "quizzes/report_problem.html"


def _report_done(request, question, text: str, status: int = 200):
    """After a report: the thanks in place of the form (htmx), or back to the page the learner was on."""
    if request.htmx:
        context = {"report_done": text, "report_question": question}
        return render(request, "quizzes/includes/report_problem.html#report", context, status=status)
    messages.success(request, text)
    target = path_on_this_site(request, request.POST.get("next", ""), reverse("quizzes:practice-home"))
    return HttpResponseRedirect(target)


@login_required
@vary_on_headers("HX-Request")
def problem_report(request, code):
    """Report a problem with a question the learner can see, against the version they were shown."""
    question = get_object_or_404(
        Question.objects.visible_to(request.user).select_related("current_version"), code=code
    )
    if request.method != "POST":
        version = request.GET.get("version") or (
            question.current_version.number if question.current_version else 1
        )
        form = ProblemReportForm(initial={"version": version})
        return render(
            request,
            REPORT_TEMPLATE,
            {"report_form": form, "report_question": question, "report_version": version},
        )
    form = ProblemReportForm(request.POST)
    if not form.is_valid():
        context = {
            "report_form": form,
            "report_question": question,
            "report_version": request.POST.get("version"),
        }
        template = "quizzes/includes/report_problem.html#report" if request.htmx else REPORT_TEMPLATE
        return render(request, template, context | {"report_open": True}, status=400)
    data = form.cleaned_data
    try:
        report_problem(
            user=request.user, question=question, version_number=data["version"], kind=data["kind"],
            message=data["message"].strip(), language=content_language(request),
        )  # fmt: skip
    except QuestionVersion.DoesNotExist:
        raise BadRequest(_("This question never had that version. Nothing was saved.")) from None
    except AlreadyReported:
        return _report_done(
            request,
            question,
            _("You have already reported this question; an instructor will look at it."),
            409,
        )
    return _report_done(request, question, _("Thank you: your report is in the instructors' queue."))
