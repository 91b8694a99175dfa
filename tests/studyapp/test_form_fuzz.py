"""Random and tampered form data posted to every view that takes a POST: never a 500, a refusal (4xx)
says what was wrong, and a refusal changes nothing the learner owns.

The views come from the URL configuration (every EXPECTED URL that does not answer 405 to a POST), the
field names from every form in the templates plus the ones the views read, the values from a list of
classic troublemakers (Unicode digits, 5,000-digit numbers, NaN, impossible dates, foreign URLs, control
characters) and random text. Deterministic (derandomize) and bounded, so CI always runs the same cases.
"""

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.attack import owned_rows
from tests.fuzzing import budget
from tests.studyapp import test_pages
from tests.studyapp.test_pages import CARD_CODE, EXPECTED, QUIZ_CODE, REVIEW_CODE

# The access matrix's fixtures: the learner's quiz, card, review and exams, at the codes EXPECTED uses.
learners_quiz = test_pages.learners_quiz
learners_card = test_pages.learners_card
learners_exams = test_pages.learners_exams

ROOT = Path(__file__).resolve().parents[2]
# Leaving would end the session the other examples post with.
SKIPPED = {"account_logout"}
TEMPLATE_FIELDS = sorted(
    {
        name
        for path in ROOT.glob("**/templates/**/*.html")
        if ".venv" not in path.parts
        for name in re.findall(r'name="([a-z_0-9]+)"', path.read_text())
    }
)
FIELDS = sorted(
    set(TEMPLATE_FIELDS)
    | {"choice", "answering", "flag", "go", "next", "then", "review", "version", "shown", "rating"}
    | {"desired_retention", "new_cards_per_day", "max_reviews_per_day", "exam_date", "scope", "size"}
    | {"email", "login", "password", "password1", "password2", "oldpassword", "action_add", "action_remove"}
    | {"case", "domain", "service", "studied", "language", "blueprint", "esl", "faithful", "x"}
)
TROUBLE = [
    "", " ", "0", "1", "2", "3", "4", "-1", "99", "2147483648", "9" * 40, "9" * 5000, "²", "\u0661", "½",
    "1.5", "0.9", "nan", "inf", "-inf", "1e309", "0x10", "on", "true", "\x00", "\u202e", "가나다",
    "x" * 3000, "../../etc/passwd", "//evil.example", "https://evil.example/", "/\\evil.example",
    "javascript:alert(1)", "<script>alert(1)</script>", "' OR 1=1 --", "lang:ko", "lang:xx", "next",
    "prev", "summary", "session", "2026-02-30", "9999-12-31", "0001-01-01", "10000-01-01",
    QUIZ_CODE, CARD_CODE, REVIEW_CODE, "mixed", "topic", "case", "lambda-basics", "tiny-api",
    "SAA-C03", "SAA-C03:1", "SAP-C02:9", "ko", "en", "saa-c03", "alice@example.com",
]  # fmt: skip
values = st.one_of(st.sampled_from(TROUBLE), st.text(st.characters(codec="utf-8"), max_size=20))


def forms(own: list[str]):
    """Form data, mostly with the fields the URL's own forms have (the code paths that read them)."""
    names = st.one_of(
        st.sampled_from(own), st.sampled_from(own), st.sampled_from(own), st.sampled_from(FIELDS)
    )
    return st.dictionaries(names, st.lists(values, min_size=1, max_size=3), max_size=6)


FORM_RE = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.DOTALL)
ACTION_RE = re.compile(r'(?:action|hx-post)="([^"]+)"')


def fields_by_action(client) -> dict[str, set[str]]:
    """The field names of every form on the matrix's pages, by the path it posts to."""
    found: dict[str, set[str]] = {}
    for name, (kwargs, _expectations) in EXPECTED.items():
        response = client.get(reverse(name, kwargs=kwargs))
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        for attributes, body in FORM_RE.findall(response.content.decode()):
            for action in ACTION_RE.findall(attributes):
                names = set(re.findall(r'name="([a-z_0-9]+)"', body)) - {"csrfmiddlewaretoken"}
                found.setdefault(action.split("?")[0], set()).update(names)
    return found


learners_class = test_pages.learners_class


@pytest.fixture
def poster(request, persona, learners_quiz, learners_card, learners_exams, learners_class):
    """The persona's client and every URL of the access matrix it may POST to: a form on one of its
    pages posts there, or the URL takes nothing but POSTs (its GET answers 405). Each URL comes with
    the field names its forms use."""
    user = request.getfixturevalue(persona)
    client = Client(raise_request_exception=True)
    client.force_login(user)
    own = fields_by_action(client)
    urls = []
    for name, (kwargs, expectations) in EXPECTED.items():
        path = reverse(name, kwargs=kwargs)
        if name not in SKIPPED and (path in own or expectations.get(persona) == 405):
            urls.append((path, sorted(own.get(path, ())) or FIELDS))
    assert len(urls) >= 10, urls
    return client, user, urls


def text_of(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def check_random_post(poster, learner, instructor, data):
    client, _user, urls = poster
    path, own = data.draw(st.sampled_from(urls), label="url")
    form = data.draw(forms(own), label="form")
    htmx = data.draw(st.booleans(), label="htmx")
    before = {who.pk: owned_rows(who) for who in (learner, instructor)}
    response = client.post(path, form, **({"HTTP_HX_REQUEST": "true"} if htmx else {}))
    assert response.status_code < 500
    if 400 <= response.status_code < 500:
        after = {who.pk: owned_rows(who) for who in (learner, instructor)}
        assert after == before, f"a refused POST to {path} changed someone's data"
        if response.get("Content-Type", "").startswith("text/html") and response.status_code != 405:
            assert text_of(response.content.decode()), (
                f"{path} refused with {response.status_code} and no message"
            )


@pytest.mark.parametrize("persona", ["learner"])
@budget(90)
@given(data=st.data())
def test_no_learner_form_data_gives_a_500_and_a_refusal_changes_nothing(poster, learner, instructor, data):
    check_random_post(poster, learner, instructor, data)


@pytest.mark.parametrize("persona", ["instructor"])
@budget(60)
@given(data=st.data())
def test_no_instructor_form_data_gives_a_500_and_a_refusal_changes_nothing(poster, learner, instructor, data):
    check_random_post(poster, learner, instructor, data)
