"""The instructors' question list: filters, search, bulk publish and retire."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.languages import content_language
from accounts.links import path_on_this_site
from accounts.roles import instructor_required
from quizzes.authoring.forms import BulkForm, QuestionFilterForm, problem_message
from quizzes.authoring.services import set_status
from quizzes.models import Question

PER_PAGE = 50


@instructor_required
def question_list(request):
    language = content_language(request)
    form = QuestionFilterForm(request.GET or None, language=language)
    questions = form.filter(Question.objects.for_authoring())
    page = Paginator(questions, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "quizzes/authoring/question_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "content_language": language,
            "statuses": Question.Status,
        },
    )


def _back(request):
    default = reverse("authoring:questions")
    return HttpResponseRedirect(path_on_this_site(request, request.POST.get("next", ""), default))


@instructor_required
@require_POST
def bulk(request):
    form = BulkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick at least one question, then choose what to do with them."))
        return _back(request)
    status = {"publish": Question.Status.PUBLISHED, "retire": Question.Status.RETIRED}[
        form.cleaned_data["action"]
    ]
    result = set_status(codes=form.cleaned_data["question"], status=status)
    if result.changed:
        text = (
            ngettext("%(n)s question published.", "%(n)s questions published.", result.changed)
            if status == Question.Status.PUBLISHED
            else ngettext("%(n)s question retired.", "%(n)s questions retired.", result.changed)
        )
        messages.success(request, text % {"n": result.changed})
    for question, problems in result.refused:
        messages.error(
            request,
            _("Not published: %(key)s. %(problems)s")
            % {"key": question.key, "problems": " ".join(problem_message(p) for p in problems)},
        )
    if not result.changed and not result.refused:
        messages.info(request, _("Nothing changed: the questions already had that status."))
    return _back(request)
