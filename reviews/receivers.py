"""Signal receivers: no logic here, only the call into the service that owns it."""

from reviews import services


def review_recorded_answers(sender, answers, **kwargs):
    """quizzes stored answers (practice, mock exam): review their cards in the same transaction."""
    services.record_answers(answers=answers)
