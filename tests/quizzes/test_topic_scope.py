"""A topic quiz draws the topic's own questions and those of the cases that list the topic, but not a
hidden-box question whose hidden service the topic does not cover.

QA found a caching quiz opening on the serverless blog's welcome-email box (DynamoDB Streams -> Lambda ->
Amazon SES): the blog case lists caching-strategies for its CloudFront cache, so every question of the
case counted as caching."""

import pytest

from exams.models import scope_of
from quizzes.models import Question, Scope
from topics.models import Topic

pytestmark = pytest.mark.django_db


def keys_in(filters) -> set[str]:
    return set(Question.objects.published().filter(filters).values_list("key", flat=True).distinct())


def test_a_caching_quiz_leaves_out_the_welcome_email_box_and_keeps_the_cloudfront_box(real_content_db):
    caching = keys_in(Scope.resolve("topic", "caching-strategies").filters)
    assert "missing-box:serverless-blog:R5:ses" not in caching
    assert "missing-box:serverless-blog:R1:cf" in caching  # the blog's CloudFront cache is caching
    assert "scenario:serverless-blog:R1+R3" in caching  # and the case's other forms still count
    # The box still belongs to its own topic's quiz, and to the topics that cover its service.
    assert "missing-box:serverless-blog:R5:ses" in keys_in(
        Scope.resolve("topic", "serverless-architectures").filters
    )
    # A custom mock exam built from topics draws by the same rule.
    topic = Topic.objects.get(slug="caching-strategies")
    assert keys_in(scope_of(topics=[topic.pk], cases=[], domains=[])) == caching


def test_every_hidden_box_of_a_topic_quiz_hides_a_service_of_that_topic_or_is_its_own(real_content_db):
    for topic in Topic.objects.prefetch_related("services"):
        covered = {s.slug for s in topic.services.all()}
        for question in (
            Question.objects.published()
            .filter(Scope.resolve("topic", topic.slug).filters, form="missing-box")
            .exclude(topic=topic)
            .prefetch_related("services")
            .distinct()
        ):
            assert {s.slug for s in question.services.all()} & covered, (topic.slug, question.key)
