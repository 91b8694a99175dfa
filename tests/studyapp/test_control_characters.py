"""NUL and other control characters in any text input give a clean answer, never a 500.

PostgreSQL refuses NUL in a string, so these matter most there; CI runs them on PostgreSQL.
"""

from allauth.account.models import EmailAddress
from django.urls import reverse

from quizzes.models import PracticeQuiz
from tests.conftest import PASSWORD


def test_a_search_with_a_nul_searches_for_the_text_around_it(client, db):
    response = client.get("/search/?q=VPC%00")
    assert response.status_code == 200
    assert 'value="VPC"' in response.content.decode()


def test_a_search_made_only_of_control_characters_is_an_empty_search(client, db):
    assert client.get("/search/?q=%00%01%1b%7f").status_code == 200


def test_other_list_filters_with_a_nul_answer_normally(client, db):
    assert client.get("/facts/?status=%00").status_code == 200
    assert client.get("/topics/?exam=SAA-C03%00").status_code == 200


def test_signing_in_with_a_nul_in_the_email_is_a_clean_form_error(client, learner):
    response = client.post(reverse("account_login"), {"login": "alice\x00@example.com", "password": "x"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_nul_inside_a_password_is_dropped_on_sign_in_as_at_sign_up(client, learner):
    # The same cleaning applies to every form, so a pasted control character cannot lock anyone out.
    response = client.post(reverse("account_login"), {"login": learner.email, "password": PASSWORD + "\x00"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(learner.pk)


def test_signing_up_with_a_nul_in_the_email_creates_a_clean_address(client, db):
    response = client.post(
        reverse("account_signup"),
        {"email": "new\x00@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert EmailAddress.objects.filter(email="new@example.com").exists()


def test_a_practice_start_and_an_answer_with_nuls_get_clean_answers(client, learner):
    client.force_login(learner)
    start = reverse("quizzes:practice-start")
    assert client.post(start, {"scope": "case", "case": "tiny\x00-api", "size": "5"}).status_code == 302
    item = PracticeQuiz.objects.get(user=learner).items.get(position=1)
    url = reverse("quizzes:practice-item", args=[item.quiz.code, item.position])
    assert client.post(url, {"choice": "\x00"}).status_code in (400, 422)


def test_tab_and_newline_survive_in_text(rf):
    from studyapp.middleware import ControlCharacterMiddleware

    seen = {}

    def view(request):
        seen["q"] = request.GET["q"]
        seen["note"] = request.POST["note"]
        seen["keys"] = list(request.POST)
        return None

    request = rf.post("/?q=a%00b%09c", {"note": "line one\r\nline\ttwo\x00\x1b", "ke\x00y": "v"})
    ControlCharacterMiddleware(view)(request)
    assert seen["q"] == "ab\tc"
    assert seen["note"] == "line one\r\nline\ttwo"
    assert seen["keys"] == ["note", "key"]


def test_a_session_cookie_with_an_escaped_nul_is_a_fresh_visitor(client, db):
    # Cookie values are unquoted, so the octal escape arrives as a real NUL.
    response = client.get("/", HTTP_COOKIE='sessionid="abcdefghij\\000klm"')
    assert response.status_code == 200
