"""The one signal of the question bank: answers were stored.

Imports run one way (`reviews -> exams -> quizzes`), so the bank cannot call spaced repetition
directly. It announces stored answers instead; the receiver (reviews) does its work in a service
of its own, inside the same transaction, so an answer and its card change commit together.
"""

from django.dispatch import Signal

# Sent inside the transaction that stored them, with `answers`: a list of quizzes.models.Answer
# (one for a practice answer, a whole exam's at submission).
answers_recorded = Signal()
