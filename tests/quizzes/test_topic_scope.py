"""A topic quiz draws the topic's own questions (authored, or asked from its facts) and those questions of the
cases listing the topic that are about a service the topic teaches (quizzes.models.of_topics).

QA found a caching quiz asking about the serverless blog's welcome e-mails (DynamoDB Streams -> Lambda ->
Amazon SES): the blog case lists caching-strategies for its CloudFront cache, so every question of the
case counted as caching. A first fix kept out only the hidden-box question; the requirement question on
the same e-mails stayed."""

import pytest

from exams.models import scope_of
from quizzes.generator.keys import knowledge_key
from quizzes.models import Question, Scope
from topics.models import Topic

pytestmark = pytest.mark.django_db


def keys_in(filters) -> set[str]:
    return set(Question.objects.published().filter(filters).values_list("key", flat=True).distinct())


def topic_quiz(slug: str) -> set[str]:
    return keys_in(Scope.resolve("topic", slug).filters)


def test_a_caching_quiz_leaves_out_the_welcome_email_questions_and_keeps_the_cloudfront_ones(real_content_db):
    caching = topic_quiz("caching-strategies")
    email = {
        "purpose:serverless-blog:R5:ses",
        "missing-box:serverless-blog:R5:ses",
    }  # Streams -> Lambda -> SES
    assert email <= set(Question.objects.published().values_list("key", flat=True))
    assert not email & caching
    assert "missing-box:serverless-blog:R1:cf" in caching  # the blog's CloudFront cache is caching
    assert "purpose:serverless-blog:R4:dax" in caching  # caching at every layer: DAX in front of DynamoDB
    assert "scenario:serverless-blog:R1+R2" in caching
    # The e-mail questions still belong to the topics that teach their services.
    serverless = topic_quiz("serverless-architectures")
    assert email <= serverless
    # A custom mock exam built from topics draws by the same rule.
    topic = Topic.objects.get(slug="caching-strategies")
    assert keys_in(scope_of(topics=[topic.pk], cases=[], domains=[])) == caching


def test_every_case_question_of_a_topic_quiz_is_about_a_service_the_topic_teaches(real_content_db):
    for topic in Topic.objects.prefetch_related("services"):
        taught = {s.slug for s in topic.services.all()}
        in_quiz = Question.objects.published().filter(Scope.resolve("topic", topic.slug).filters)
        for question in in_quiz.filter(case__isnull=False).prefetch_related("services").distinct():
            assert {s.slug for s in question.services.all()} & taught, (topic.slug, question.key)
        # Its own questions (authored for it, or from its facts) are all in, whatever their services.
        own = Question.objects.published().filter(topic=topic, case__isnull=True)
        assert set(own.values_list("key", flat=True)) <= set(in_quiz.values_list("key", flat=True)), (
            topic.slug
        )


def test_a_mock_exam_of_several_topics_draws_what_their_quizzes_draw(real_content_db):
    # A question of a case that lists one topic joins through that topic's services, not another's.
    for slugs in (
        ["caching-strategies", "security-groups-nacls"],
        ["hybrid-connectivity", "server-migration-mgn"],
    ):
        pks = list(Topic.objects.filter(slug__in=slugs).values_list("pk", flat=True))
        assert keys_in(scope_of(topics=pks, cases=[], domains=[])) == topic_quiz(slugs[0]) | topic_quiz(
            slugs[1]
        )


# The most questions a quiz can hold: it never asks two on one requirement, fact or authored item
# (quizzes.generator.keys). A practice quiz has 10 by default.
AT_LEAST = {
    "caching-strategies": 18,
    "event-processing": 35,
    "hybrid-connectivity": 10,
    "route53-records": 10,
    "server-migration-mgn": 10,
    "security-groups-nacls": 8,
}


def test_topic_quizzes_keep_enough_to_practise(real_content_db):
    for slug, least in AT_LEAST.items():
        items = {knowledge_key(key) for key in topic_quiz(slug)}
        assert len(items) >= least, (slug, len(items))
    # Security groups and network ACLs: the blocking case's NACL deny rules, not PrivateLink questions.
    nacls = topic_quiz("security-groups-nacls")
    assert {"missing-box:blocking-ip:R1:nacl", "requirement:blocking-ip:R3:v0"} <= nacls
    assert not {key for key in nacls if ":private-service-access:" in key}
