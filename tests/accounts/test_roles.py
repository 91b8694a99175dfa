"""The instructor role is a permission held by the instructors group, granted in the admin or by command."""

import pytest
from django.core.management import CommandError, call_command
from django.http import HttpResponse
from django.test import RequestFactory

from accounts.roles import instructor_required, is_instructor
from tests.conftest import make_user


@instructor_required
def _authoring_page(request):
    return HttpResponse("ok")


def _call(user):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/authoring/")
    request.user = user or AnonymousUser()
    return _authoring_page(request)


@pytest.mark.django_db
def test_group_membership_is_the_role(learner, instructor, staff):
    assert is_instructor(instructor)
    assert not is_instructor(learner)
    # Staff run the site: authoring pages are open to them as to instructors.
    assert is_instructor(staff)


@pytest.mark.django_db
def test_guard_sends_anonymous_to_sign_in_and_refuses_learners(learner, instructor):
    from django.core.exceptions import PermissionDenied

    response = _call(None)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    with pytest.raises(PermissionDenied):
        _call(learner)
    assert _call(instructor).status_code == 200


@pytest.mark.django_db
def test_command_grants_and_revokes(capsys):
    user = make_user("dana@example.com")
    call_command("instructor", "DANA@example.com")
    user = type(user).objects.get(pk=user.pk)  # permissions are cached per instance
    assert is_instructor(user)
    call_command("instructor", "dana@example.com", "--revoke")
    user = type(user).objects.get(pk=user.pk)
    assert not is_instructor(user)
    with pytest.raises(CommandError, match=r"nobody@example\.com"):
        call_command("instructor", "nobody@example.com")
