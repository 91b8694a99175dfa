"""The instructors' queue of learners' problem reports: the question, the version seen, resolve with a note."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.languages import content_language
from accounts.roles import instructor_required
from quizzes.authoring.forms import ResolveForm
from quizzes.authoring.services import AlreadyResolved, resolve_report
from quizzes.models import ProblemReport

STATES = ("open", "resolved", "all")


def _queue(request, *, state: str, errors: dict | None = None, status: int = 200):
    reports = ProblemReport.objects.select_related(
        "question__current_version", "version", "resolved_by"
    ).order_by("-created_at")
    if state == "open":
        reports = reports.open()
    elif state == "resolved":
        reports = reports.filter(resolved_at__isnull=False).order_by("-resolved_at")
    page = Paginator(reports, 30).get_page(request.GET.get("page"))
    for report in page.object_list:
        report.form = (errors or {}).get(str(report.code)) or ResolveForm(prefix=str(report.code))
    context = {
        "page": page,
        "state": state,
        "states": STATES,
        "open_count": ProblemReport.objects.open().count(),
        "content_language": content_language(request),
    }
    return render(request, "quizzes/authoring/reports.html", context, status=status)


@instructor_required
def report_list(request):
    state = request.GET.get("state", "open")
    return _queue(request, state=state if state in STATES else "open")


@instructor_required
@require_POST
def report_resolve(request, code):
    form = ResolveForm(request.POST, prefix=str(code))
    if not form.is_valid():
        return _queue(request, state="open", errors={str(code): form}, status=400)
    try:
        resolve_report(code=code, by=request.user, resolution=form.cleaned_data["resolution"].strip())
    except ProblemReport.DoesNotExist:
        raise Http404 from None
    except AlreadyResolved:
        messages.info(request, _("Someone had already resolved that report."))
    else:
        messages.success(request, _("Report resolved."))
    return redirect(reverse("authoring:reports"))
