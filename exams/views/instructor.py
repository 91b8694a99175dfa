"""Instructors' pages of mock exams (under /authoring/): custom blueprints and item statistics."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.languages import content_language
from accounts.roles import instructor_required
from exams import statcharts, statistics
from exams.forms import BlueprintForm
from exams.models import Blueprint, BlueprintStatistic, ItemStatistic
from exams.tasks import refresh_item_statistics
from quizzes.models import Question

FORM_TEMPLATE = "exams/authoring/blueprint_form.html"


@instructor_required
def blueprint_list(request):
    blueprints = (
        Blueprint.objects.filter(official=False)
        .select_related("exam", "statistic")
        .annotate(attempt_count=Count("attempts", filter=Q(attempts__submitted_at__isnull=False)))
        .order_by("-is_active", "title_en")
    )
    return render(
        request,
        "exams/authoring/blueprints.html",
        {"blueprints": blueprints, "content_language": content_language(request)},
    )


def _blueprint_form(request, blueprint: Blueprint | None):
    language = content_language(request)
    if request.method != "POST":
        form = BlueprintForm(instance=blueprint, language=language)
        return render(request, FORM_TEMPLATE, {"form": form, "blueprint": blueprint})
    form = BlueprintForm(request.POST, instance=blueprint, language=language)
    if not form.is_valid():
        return render(request, FORM_TEMPLATE, {"form": form, "blueprint": blueprint}, status=400)
    if blueprint is None:
        form.instance.created_by = request.user
    saved = form.save()
    title = getattr(saved, f"title_{language}") or saved.title_en
    messages.success(request, _("Saved the blueprint “%(title)s”.") % {"title": title})
    return redirect("exams:blueprints")


@instructor_required
def blueprint_new(request):
    return _blueprint_form(request, None)


@instructor_required
def blueprint_edit(request, slug):
    return _blueprint_form(request, get_object_or_404(Blueprint, slug=slug, official=False))


@instructor_required
def statistics_overview(request):
    """Every measured version, the ones that need checking first; each blueprint's reliability."""
    checking = request.GET.get("checking") == "on"
    items = ItemStatistic.objects.select_related("question", "version").order_by(
        "-needs_checking", "discrimination", "question__key"
    )
    if checking:
        items = items.filter(needs_checking=True)
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    blueprints = list(BlueprintStatistic.objects.select_related("blueprint").order_by("blueprint__title_en"))
    language = content_language(request)
    for row in blueprints:
        title = getattr(row.blueprint, f"title_{language}") or row.blueprint.title_en
        row.chart = statcharts.score_histogram(
            statistics.histogram(row.scores),
            title=_("Scores of %(title)s") % {"title": title},
            description=_("How many attempts scored in each tenth of 0 to 100 percent right."),
        )
    context = {
        "page": page,
        "checking": checking,
        "blueprints": blueprints,
        "computed_at": page.object_list[0].computed_at if page.object_list else None,
        "content_language": language,
    }
    return render(request, "exams/authoring/statistics.html", context)


@instructor_required
@require_POST
def statistics_refresh(request):
    refresh_item_statistics.enqueue()
    messages.success(request, _("The statistics are being recomputed; reload the page in a moment."))
    return redirect("exams:statistics")


@instructor_required
def question_statistics(request, code):
    """One question's versions with their figures and how often each choice was picked."""
    question = get_object_or_404(Question.objects.select_related("current_version"), code=code)
    rows = list(
        ItemStatistic.objects.filter(question=question).select_related("version").order_by("-version__number")
    )
    language = content_language(request)
    for row in rows:
        row.picks = statistics.pick_rows(row)
        row.chart = statcharts.pick_bars(
            [(str(p["number"]), p["rate"], p["correct"]) for p in row.picks],
            title=_("Choices picked in version %(n)s") % {"n": row.version.number},
            description=_("The share of attempts that picked each choice; the correct ones in green."),
        )
    return render(
        request,
        "exams/authoring/question_statistics.html",
        {"question": question, "rows": rows, "content_language": language},
    )
