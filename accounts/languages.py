"""Which language content is shown in, and the other one a learner can flip to.

The interface language comes from the learner's profile (or the browser) through Django's locale
middleware; `?lang=` flips one page's content in place, as the real exam lets a Korean candidate
see the English original.
"""

from django.conf import settings
from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def other_language(language: str) -> str:
    """The language a flip link switches to."""
    return next(code for code in LANGUAGE_CODES if code != language)


def content_language(request) -> str:
    """The language to show content in: `?lang=` flips one page in place, else the interface language."""
    language = request.GET.get("lang")
    if language is None:
        return request.LANGUAGE_CODE if request.LANGUAGE_CODE in LANGUAGE_CODES else LANGUAGE_CODES[0]
    if language not in LANGUAGE_CODES:
        raise BadRequest(_("“%(code)s” is not a language this site offers.") % {"code": language[:20]})
    return language


def language_context(request) -> dict:
    """`content_language` and `other_language` for a page with a flip link (templates/includes/language_flip.html)."""
    language = content_language(request)
    return {"content_language": language, "other_language": other_language(language)}
