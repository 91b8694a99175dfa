from django.core.exceptions import BadRequest
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts.adapter import set_language_cookie
from accounts.forms import LanguageForm


@require_POST
def set_language(request):
    """Switch the interface language; remember it on the profile of a signed-in user."""
    form = LanguageForm(request.POST)
    if not form.is_valid():
        raise BadRequest(" ".join(error for field_errors in form.errors.values() for error in field_errors))
    language = form.cleaned_data["language"]
    next_url = form.cleaned_data["next"]
    # Only a path on this site; never redirect(), which would try a bare word as a URL name.
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    if request.user.is_authenticated:
        profile = request.user.get_profile()
        profile.language = language
        profile.save(update_fields=["language"])
    translation.activate(language)
    response = HttpResponseRedirect(next_url)
    set_language_cookie(response, language)
    return response
