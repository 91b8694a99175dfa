"""Write and edit a question: both languages side by side, a live preview as learners see it (htmx posts
the form to the same URL with action=preview; without JavaScript the Preview button does the same),
save as a draft, publish (checked), retire; the learner-view preview page and the version history."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.vary import vary_on_headers

from accounts.languages import content_language
from accounts.roles import instructor_required
from quizzes.authoring.drafts import Draft, diff, publish_problems
from quizzes.authoring.forms import QuestionForm, choice_formset, draft_from, problem_message
from quizzes.authoring.services import Links, NotPublishable, save_question
from quizzes.models import Question

TEMPLATE = "quizzes/authoring/question_edit.html"
# What each button does to the question's status; "save" keeps the status it has.
ACTIONS = {
    "publish": Question.Status.PUBLISHED,
    "unpublish": Question.Status.DRAFT,
    "retire": Question.Status.RETIRED,
}


def _get_question(code) -> Question:
    return get_object_or_404(Question.objects.select_related("current_version", "topic", "case"), code=code)


def _current_draft(question: Question | None) -> Draft | None:
    if question is None or question.current_version is None:
        return None
    return Draft.of_version(question.current_version, kind=question.kind, choose=question.choose)


def _initial(question: Question | None, draft: Draft | None) -> dict:
    if question is None:
        return {"kind": "single", "choose": 1}
    values = {
        "kind": question.kind,
        "choose": question.choose,
        "topic": question.topic,
        "case": question.case,
        "domains": list(question.domains.all()),
        "tags": ", ".join(question.tags),
    }
    if draft:
        values |= {
            name: getattr(draft, name) for name in ("stem_en", "stem_ko", "explanation_en", "explanation_ko")
        }
        values["sources"] = "\n".join(draft.sources)
    return values


def _render(request, question, form, formset, draft, *, problems=None, status=200):
    preview_only = request.htmx and request.POST.get("action") == "preview"
    context = {
        "question": question,
        "form": form,
        "formset": formset,
        "draft": draft,
        "problems": [problem_message(p) for p in (problems if problems is not None else [])],
        "checks": [problem_message(p) for p in publish_problems(draft)] if draft else None,
        "content_language": content_language(request),
    }
    return render(request, TEMPLATE + ("#preview" if preview_only else ""), context, status=status)


def _editor(request, question: Question | None):
    language = content_language(request)
    current = _current_draft(question)
    if request.method != "POST":
        form = QuestionForm(initial=_initial(question, current), language=language)
        formset = choice_formset(choices=current.choices if current else [])
        return _render(request, question, form, formset, current)
    form, formset = QuestionForm(request.POST, language=language), choice_formset(request.POST)
    action = request.POST.get("action", "save")
    if not (form.is_valid() and formset.is_valid()):
        return _render(request, question, form, formset, None, status=200 if action == "preview" else 400)
    draft = draft_from(form, formset)
    draft.figure = current.figure if current else None  # a diagram question keeps its diagram
    if action == "preview":
        return _render(request, question, form, formset, draft)
    status = ACTIONS.get(action, question.status if question else Question.Status.DRAFT)
    data = form.cleaned_data
    links = Links(topic=data["topic"], case=data["case"], domains=list(data["domains"]), tags=data["tags"])
    try:
        saved = save_question(
            question=question, draft=draft, links=links, status=status, author=request.user, note=data["note"]
        )
    except NotPublishable as refused:
        return _render(request, question, form, formset, draft, problems=refused.problems, status=422)
    messages.success(request, _("Saved: %(status)s, version %(n)s.") % {
        "status": saved.get_status_display(), "n": saved.current_version.number
    })  # fmt: skip
    return redirect("authoring:question-edit", code=saved.code)


@instructor_required
@vary_on_headers("HX-Request")  # the live preview posts here and gets only the preview back
def question_new(request):
    return _editor(request, None)


@instructor_required
@vary_on_headers("HX-Request")
def question_edit(request, code):
    return _editor(request, _get_question(code))


@instructor_required
def question_preview(request, code):
    """The current version exactly as learners see it, in both languages, before and after answering."""
    question = _get_question(code)
    draft = _current_draft(question)
    return render(
        request,
        "quizzes/authoring/question_preview.html",
        {"question": question, "draft": draft, "content_language": content_language(request)},
    )


@instructor_required
def question_history(request, code):
    """Every version, newest first: who wrote it, when, why, how many answers it has, what changed."""
    question = _get_question(code)
    versions = list(
        question.versions.select_related("author").annotate(answered=Count("answers")).order_by("number")
    )
    previous = None
    for version in versions:
        draft = Draft.of_version(version, kind=question.kind, choose=question.choose)
        version.diff = diff(previous, draft)
        previous = draft
    return render(
        request,
        "quizzes/authoring/question_history.html",
        {"question": question, "versions": versions[::-1], "content_language": content_language(request)},
    )
