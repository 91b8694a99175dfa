"""Import questions from Moodle files (preview first, then all or nothing) and export the bank."""

import base64

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.languages import content_language
from accounts.roles import instructor_required
from quizzes.authoring.forms import ExportForm, ImportForm, QuestionFilterForm
from quizzes.authoring.transfer import apply_import, export_questions, plan_import
from quizzes.formats.parsed import ImportFailed
from quizzes.models import Question

IMPORT_TEMPLATE = "quizzes/authoring/import.html"


@instructor_required
@require_http_methods(["GET", "POST"])
def import_questions(request):
    """GET: the upload form. POST a file: the preview (nothing saved). POST confirm: import it all."""
    if request.method != "POST":
        return render(request, IMPORT_TEMPLATE, {"form": ImportForm()})
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, IMPORT_TEMPLATE, {"form": form}, status=400)
    data, filename = form.cleaned_data["data"], form.cleaned_data["filename"]
    try:
        plan = plan_import(data=data, filename=filename, language=form.cleaned_data["language"])
        if "confirm" in request.POST:
            apply_import(plan, author=request.user)
    except ImportFailed as failed:
        error = _("Nothing was imported: %(reason)s") % {"reason": failed}
        return render(request, IMPORT_TEMPLATE, {"form": ImportForm(), "error": error}, status=400)
    if "confirm" in request.POST:
        messages.success(
            request,
            _("Imported %(file)s: %(created)s created, %(updated)s updated, %(skipped)s skipped.")
            % {"file": filename, "created": plan.count("create"), "updated": plan.count("update"),
               "skipped": len(plan.skipped)},
        )  # fmt: skip
        return redirect("authoring:questions")
    confirm = ImportForm(
        initial={
            "content": base64.b64encode(data).decode(),
            "filename": filename,
            "language": form.cleaned_data["language"],
        }
    )
    return render(
        request,
        IMPORT_TEMPLATE,
        {"form": confirm, "plan": plan, "content_language": content_language(request)},
    )


@instructor_required
def export(request):
    """The export form (which questions, which format and language); with a format chosen, the file."""
    language = content_language(request)
    filters = QuestionFilterForm(request.GET or None, language=language)
    questions = filters.filter(Question.objects.all())
    form = ExportForm(request.GET if "format" in request.GET else None)
    if form.is_bound and form.is_valid():
        name, content_type, text = export_questions(
            questions, fmt=form.cleaned_data["format"], language=form.cleaned_data["language"]
        )
        response = HttpResponse(text, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    context = {
        "form": form,
        "filters": filters,
        "count": questions.filter(current_version__isnull=False).count(),
        "status": 400 if form.is_bound else 200,
    }
    return render(request, "quizzes/authoring/export.html", context, status=context["status"])
