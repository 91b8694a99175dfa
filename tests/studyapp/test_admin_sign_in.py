"""The admin signs in through the site's own sign-in page, with its rate limit on failed attempts."""

from django.urls import reverse

from tests.conftest import PASSWORD

ADMIN_LOGIN = reverse("admin:login")
SIGN_IN = reverse("account_login")


def test_the_admin_sign_in_page_sends_to_the_site_sign_in_and_back(client, staff):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0] == f"{SIGN_IN}?next=/admin/"
    response = client.post(
        f"{SIGN_IN}?next=/admin/", {"login": staff.email, "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_admin_form_itself_never_accepts_a_password(client, staff):
    response = client.post(ADMIN_LOGIN, {"username": staff.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith(SIGN_IN)
    assert "_auth_user_id" not in client.session


def test_after_too_many_wrong_passwords_the_right_one_no_longer_signs_in_to_the_admin(client, staff):
    for _ in range(5):
        client.post(f"{SIGN_IN}?next=/admin/", {"login": staff.email, "password": "wrong-guess-123"})
    response = client.post(f"{SIGN_IN}?next=/admin/", {"login": staff.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_a_signed_in_learner_gets_a_403_not_a_sign_in_loop(client, learner):
    client.force_login(learner)
    response = client.get(f"{ADMIN_LOGIN}?next=/admin/")
    assert response.status_code == 403
    assert "You cannot open this page" in response.content.decode()


def test_a_signed_in_staff_member_goes_straight_on(client, staff):
    client.force_login(staff)
    response = client.get(f"{ADMIN_LOGIN}?next=/admin/accounts/")
    assert response.status_code == 302 and response["Location"] == "/admin/accounts/"


def test_the_admin_sign_in_refuses_to_send_anyone_to_another_site(client, db):
    response = client.get(f"{ADMIN_LOGIN}?next=https://evil.example.com/")
    assert response["Location"] == f"{SIGN_IN}?next=/admin/"
