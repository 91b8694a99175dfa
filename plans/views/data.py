"""Taking your data with you (CSV and an Anki deck), and deleting your account."""

import io
import logging

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.languages import content_language
from accounts.roles import is_instructor
from exams.models import Attempt
from plans import anki, export, services
from plans.forms import DeleteAccountForm
from quizzes.models import Answer
from reviews.models import Card, ReviewLog

logger = logging.getLogger(__name__)


def _counts(user) -> dict:
    return {
        "instructor": is_instructor(user),  # the lines about classes taught and questions written
        "answers": Answer.objects.filter(user=user).count(),
        "attempts": Attempt.objects.filter(user=user).count(),
        "cards": Card.objects.filter(user=user).count(),
        "reviews": ReviewLog.objects.filter(user=user).count(),
    }


@login_required
def my_data(request):
    """What the learner can download, and the way out."""
    return render(request, "plans/data.html", {"counts": _counts(request.user)})


def _download(data: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def export_csv(request):
    """Every answer, review, card, studied topic and the plan as CSV files in one zip."""
    # In memory: compressed, even years of daily study stay a few megabytes.
    file = io.BytesIO()
    export.write_zip(request.user, file, content_language(request))
    return _download(file.getvalue(), f"study-data-{timezone.localdate():%Y-%m-%d}.zip", "application/zip")


@login_required
def export_anki(request):
    """The learner's cards as an Anki deck, in their language with the other beneath."""
    file = io.BytesIO()
    anki.write_apkg(request.user, content_language(request), file)
    return _download(
        file.getvalue(),
        f"aws-sa-study-cards-{timezone.localdate():%Y-%m-%d}.apkg",
        "application/octet-stream",
    )


@login_required
@never_cache
def delete_account(request):
    """Delete the account and everything of it, once the password is entered again."""
    if request.method != "POST":
        form = DeleteAccountForm(user=request.user)
        return render(request, "plans/delete.html", {"form": form, "counts": _counts(request.user)})
    if not ratelimit.consume(request, action="reauthenticate", user=request.user):
        context = {
            "form": DeleteAccountForm(user=request.user),
            "counts": _counts(request.user),
            "refusal": _("Too many attempts. Wait a minute and try again."),
        }
        return render(request, "plans/delete.html", context, status=429)
    form = DeleteAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(
            request, "plans/delete.html", {"form": form, "counts": _counts(request.user)}, status=400
        )
    user_id = request.user.pk
    deleted = services.delete_account(user=request.user)
    logout(request)
    logger.info("account %s deleted: %s", user_id, deleted)
    messages.success(request, _("Your account and everything in it were deleted. Goodbye, and good luck."))
    return redirect("home")
