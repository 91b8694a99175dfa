"""Where a form may send the visitor back to: a path on this site, never a bare word or another host."""

from django.utils.http import url_has_allowed_host_and_scheme


def path_on_this_site(request, target: str, default: str) -> str:
    """`target` when it is a path on this site ("/practice/..."), else `default`.

    Pass the result to HttpResponseRedirect, never to redirect(): redirect() takes a bare word ("0",
    "dashboard") for a URL name and fails with NoReverseMatch (a 500) when there is none, and
    url_has_allowed_host_and_scheme() accepts such a word as a relative URL."""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
