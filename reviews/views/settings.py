"""The learner's review settings and "Optimise my parameters"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from reviews import scheduling
from reviews.forms import ReviewSettingsForm
from reviews.models import Optimisation, ReviewSettings
from reviews.optimiser import MIN_REVIEWS
from reviews.tasks import optimise_parameters


def _context(request, form, settings) -> dict:
    optimisations = list(Optimisation.objects.filter(user=request.user)[:3])
    return {
        "form": form,
        "settings": settings,
        "workload": scheduling.workload_table(),
        "optimisations": optimisations,
        "latest": optimisations[0] if optimisations else None,
        "min_reviews": MIN_REVIEWS,
    }


@login_required
@vary_on_headers("HX-Request")
def review_settings(request):
    """Show and change the settings; htmx polls the optimisation panel here while it runs."""
    settings = ReviewSettings.for_user(request.user)
    if request.htmx and request.method == "GET":
        return render(request, "reviews/settings.html#optimisation", _context(request, None, settings))
    if request.method == "POST":
        form = ReviewSettingsForm(request.POST, instance=settings)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your review settings were saved."))
            return redirect("reviews:settings")
        # Show what was refused next to the saved values, unchanged in the database.
        return render(
            request,
            "reviews/settings.html",
            _context(request, form, ReviewSettings.for_user(request.user)),
            status=400,
        )
    return render(
        request, "reviews/settings.html", _context(request, ReviewSettingsForm(instance=settings), settings)
    )


@login_required
@require_POST
def optimise(request):
    """Queue a fit of the learner's parameters for the background worker (one at a time)."""
    running = Optimisation.objects.filter(
        user=request.user, status__in=[Optimisation.Status.QUEUED, Optimisation.Status.RUNNING]
    ).exists()
    if running:
        messages.info(request, _("An optimisation is already on its way."))
        return redirect("reviews:settings")
    optimisation = Optimisation.objects.create(user=request.user)
    # The worker must see the row: enqueue once it is committed.
    transaction.on_commit(lambda: optimise_parameters.enqueue(optimisation.pk))
    messages.success(
        request, _("Optimisation requested. It runs in the background; this page shows the result.")
    )
    return redirect("reviews:settings")
