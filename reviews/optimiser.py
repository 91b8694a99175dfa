"""Fit FSRS parameters to one learner's review history with fsrs-rs-python (no torch).

Django-free: histories in, a verdict out. A history is one card's reviews in order, as
(local day, rating) pairs; reviews on the same day are the short-term steps of that day.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from fsrs.scheduler import DEFAULT_PARAMETERS
from fsrs_rs_python import FSRS, FSRSItem, FSRSReview

from reviews.scheduling import clamp_parameters

# Below this, a fit follows noise (Anki asks for a few hundred reviews too); the defaults stay.
MIN_REVIEWS = 400


@dataclass(frozen=True)
class Fit:
    reviews: int
    items: int
    enough: bool
    log_loss_before: float | None = None
    rmse_before: float | None = None
    log_loss_after: float | None = None
    rmse_after: float | None = None
    parameters: list[float] | None = None

    @property
    def better(self) -> bool:
        return self.enough and self.log_loss_after is not None and self.log_loss_after < self.log_loss_before


def items_from(histories: Iterable[Sequence[tuple[date, int]]]) -> list[FSRSItem]:
    """One training item per review that comes on a later day than the one before it, with the
    card's whole history up to it (what fsrs-rs trains on)."""
    items = []
    for history in histories:
        reviews, last = [], None
        for day, rating in history:
            delta = 0 if last is None else (day - last).days
            reviews.append(FSRSReview(rating, delta))
            if delta > 0:
                items.append(FSRSItem(list(reviews)))
            last = day
    return [item for item in items if item.long_term_review_cnt() > 0]


def fit(histories: list[list[tuple[date, int]]], current: Sequence[float] | None = None) -> Fit:
    """Fit parameters; compare log loss and RMSE (binned) of the current and the fitted ones."""
    current = list(current or DEFAULT_PARAMETERS)
    reviews = sum(len(h) for h in histories)
    items = items_from(histories)
    if reviews < MIN_REVIEWS or not items:
        return Fit(reviews=reviews, items=len(items), enough=False)
    before = FSRS(current).evaluate(items)
    fitted = clamp_parameters(FSRS(list(DEFAULT_PARAMETERS)).compute_parameters(items))
    unchanged = all(abs(a - b) < 1e-6 for a, b in zip(fitted, DEFAULT_PARAMETERS, strict=True))
    if unchanged:  # fsrs-rs silently returns the defaults when the history cannot support a fit
        return Fit(
            reviews=reviews,
            items=len(items),
            enough=False,
            log_loss_before=before.log_loss,
            rmse_before=before.rmse_bins,
        )
    after = FSRS(fitted).evaluate(items)
    return Fit(
        reviews=reviews,
        items=len(items),
        enough=True,
        log_loss_before=before.log_loss,
        rmse_before=before.rmse_bins,
        log_loss_after=after.log_loss,
        rmse_after=after.rmse_bins,
        parameters=fitted,
    )
