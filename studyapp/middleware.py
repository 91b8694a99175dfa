"""Request-wide middleware of the site: body size, input cleaning, cache headers, compression."""

import re

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpResponse, QueryDict
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_cache_control

# C0 controls except tab, newline and carriage return, plus DEL and the C1 controls. PostgreSQL
# refuses NUL in text outright; the others are never part of what a learner meant to type.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


def _cleaned(data: QueryDict) -> QueryDict | None:
    """Return a copy of data without control characters, or None when there were none."""
    if not any(
        _CONTROL.search(key) or any(_CONTROL.search(v) for v in values) for key, values in data.lists()
    ):
        return None
    clean = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        clean.setlist(_CONTROL.sub("", key), [_CONTROL.sub("", value) for value in values])
    clean._mutable = False
    return clean


class ControlCharacterMiddleware:
    """Drop control characters from every query-string, form and cookie value before any view sees them.

    One place for every form (ours and allauth's) and every GET filter, so a pasted NUL can never
    reach the database as a 500. Tab and newlines stay, as multi-line text needs them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Cookie values are unquoted, so `sessionid="\\000..."` arrives as a NUL.
        if any(_CONTROL.search(value) for value in request.COOKIES.values()):
            request.COOKIES = {key: _CONTROL.sub("", value) for key, value in request.COOKIES.items()}
        if (clean := _cleaned(request.GET)) is not None:
            request.GET = clean
        is_form = request.method == "POST" and request.content_type in _FORM_TYPES
        if is_form and (clean := _cleaned(request.POST)) is not None:
            request.POST = clean
        return self.get_response(request)


class PrivateCacheMiddleware:
    """Keep every signed-in answer out of shared caches, and personal pages out of every cache.

    Every signed-in page carries the learner's CSRF token and marks, so `private` for all. Pages
    about the learner (progress, quizzes, account settings, and whatever comes next) also get
    `no-store`, so a shared computer keeps nothing on disk after sign-out; so do allauth's pages
    for everyone, as some carry e-mail or password-reset keys. The curriculum pages everyone can
    read stay storable in the learner's own browser: the back button is instant.
    `no-store` also means "not compressed" (CompressionMiddleware).
    """

    READING = {"topics"}  # URL namespaces of the shared curriculum
    READING_NAMES = {"home"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code >= 500:
            return response  # in a database outage a session lookup would only slow it down
        match = request.resolver_match
        if match is not None and (match.url_name or "").startswith("account_"):  # allauth's pages
            patch_cache_control(response, private=True, no_store=True)
            return response
        # Only an answer built from the session can be personal, and reading the already loaded
        # session costs no query (request.user might).
        session = getattr(request, "session", None)
        if session is None or not session.accessed or SESSION_KEY not in session:
            return response
        reading = match is not None and (
            match.namespace in self.READING or match.url_name in self.READING_NAMES
        )
        if reading:
            patch_cache_control(response, private=True)
        else:
            patch_cache_control(response, private=True, no_store=True)
        return response


class CompressionMiddleware(GZipMiddleware):
    """gzip for browsers that accept it (Facts shrinks from 359 KB), except `no-store` answers.

    BREACH guessing a secret from compressed sizes needs the secret and attacker-chosen text in
    one compressed page. Django's defences hold for the CSRF token, the only secret on our other
    pages: it is masked afresh in every response, and GZipMiddleware adds random bytes to each
    gzip header. Personal pages and allauth's (e-mail addresses, reset and confirmation keys) are
    marked no-store by PrivateCacheMiddleware and stay uncompressed: they are small anyway.
    """

    def process_response(self, request, response):
        if "no-store" in response.get("Cache-Control", ""):
            return response
        return super().process_response(request, response)


class RequestBodyLimitMiddleware:
    """Refuse a body larger than DATA_UPLOAD_MAX_MEMORY_SIZE from its Content-Length, unread.

    Django applies the limit only while reading, and a multipart upload is spooled to disk first:
    a 1 GB post was written out before the CSRF check refused it. First in MIDDLEWARE.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads a malformed length as an empty body
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return HttpResponse("Request body too large.\n", status=413, content_type="text/plain")
        return self.get_response(request)
