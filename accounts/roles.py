"""Who may author questions and teach classes: the instructor role.

The role is the `accounts.instruct` permission. The `instructors` group holds it; staff grant it in
Django's admin (add the user to the group) or with `manage.py instructor EMAIL [--revoke]`. Staff (who run the
site) count as instructors too; superusers hold every permission. Views guard with `instructor_required`: anonymous visitors are sent to sign in,
signed-in learners get 403.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

INSTRUCT = "accounts.instruct"
# The role as it was at sign-in, kept in the session for the navigation only (which then costs no query on
# every page); the views check the role again. A role granted or taken away shows in the menu at the next
# sign-in.
SESSION_KEY = "is_instructor"


def is_instructor(user) -> bool:
    return user.is_authenticated and user.is_active and (user.is_staff or user.has_perm(INSTRUCT))


def instructor_required(view):
    """Sign-in first (anonymous → login page), then the role (learner → 403)."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not is_instructor(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(guarded)


def remember_role(sender, request, user, **kwargs):
    """On sign-in (user_logged_in): note the role in the session for the navigation."""
    session = getattr(request, "session", None)
    if session is not None:
        session[SESSION_KEY] = is_instructor(user)
