"""Signal receivers: no logic here, only the call into the code that owns it."""

from django.db import transaction


def refresh_statistics_after_exam(sender, answers, **kwargs):
    """A mock exam was submitted: queue a refresh of the item statistics once it is committed."""
    from exams.tasks import refresh_item_statistics

    if any(answer.source == "exam" for answer in answers):
        transaction.on_commit(refresh_item_statistics.enqueue)
