"""allauth glue: new users get a profile, a returning user's language comes back at sign-in, mails name the site."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.requests import RequestSite
from django.utils import translation
from django.utils.encoding import force_str

from accounts.models import Profile


def set_language_cookie(response, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            Profile.objects.get_or_create(
                user=user, defaults={"language": translation.get_language() or "en"}
            )
        return user

    def post_login(self, request, user, **kwargs):
        # Before allauth renders its "signed in" message, so it is in the language the next page has.
        language = user.get_profile().language
        translation.activate(language)
        response = super().post_login(request, user, **kwargs)
        set_language_cookie(response, language)
        return response

    def send_mail(self, template_prefix, email, context):
        # Without the sites framework allauth names the site after the host ("Hello from
        # 127.0.0.1:8000!"): keep the host as the domain, name it after the site.
        site = RequestSite(allauth_context.request)
        site.name = force_str(settings.SITE_NAME)
        super().send_mail(template_prefix, email, {"current_site": site, **context})

    def format_email_subject(self, subject):
        return f"[{force_str(settings.SITE_NAME)}] {force_str(subject)}"
