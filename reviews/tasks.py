"""Background work (Django's tasks framework; the django-tasks-db worker runs it in production)."""

from __future__ import annotations

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from reviews import optimiser
from reviews.models import Optimisation, ReviewLog, ReviewSettings


def histories_of(user_id: int) -> list[list[tuple]]:
    """Every card's reviews in order, as (local day, rating): one streamed query."""
    histories: dict[int, list[tuple]] = {}
    logs = (
        ReviewLog.objects.filter(user_id=user_id)
        .order_by("card_id", "reviewed_at", "pk")
        .values_list("card_id", "reviewed_at", "rating")
    )
    for card_id, reviewed_at, rating in logs.iterator(chunk_size=5000):
        histories.setdefault(card_id, []).append((timezone.localdate(reviewed_at), rating))
    return list(histories.values())


@task()
def optimise_parameters(optimisation_id: int) -> str:
    """Fit the learner's FSRS parameters to their reviews; apply them only when they predict better."""
    optimisation = Optimisation.objects.select_related("user").get(pk=optimisation_id)
    Optimisation.objects.filter(pk=optimisation_id).update(status=Optimisation.Status.RUNNING)
    settings = ReviewSettings.for_user(optimisation.user)
    try:
        result = optimiser.fit(histories_of(optimisation.user_id), settings.parameters)
    except Exception:
        Optimisation.objects.filter(pk=optimisation_id).update(
            status=Optimisation.Status.FAILED, finished_at=timezone.now()
        )
        raise
    if not result.enough:
        outcome = Optimisation.Outcome.TOO_LITTLE
    elif result.better:
        outcome = Optimisation.Outcome.APPLIED
    else:
        outcome = Optimisation.Outcome.NO_BETTER
    with transaction.atomic():
        if outcome == Optimisation.Outcome.APPLIED:
            settings.parameters = result.parameters
            settings.parameters_updated_at = timezone.now()
            settings.save()
        Optimisation.objects.filter(pk=optimisation_id).update(
            status=Optimisation.Status.DONE,
            outcome=outcome,
            finished_at=timezone.now(),
            reviews=result.reviews,
            items=result.items,
            log_loss_before=result.log_loss_before,
            rmse_before=result.rmse_before,
            log_loss_after=result.log_loss_after,
            rmse_after=result.rmse_after,
            parameters=result.parameters,
        )
    return outcome
