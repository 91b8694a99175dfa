"""allauth glue: new users get a profile, a returning user's language comes back at sign-in, mails name the site,
and where a new user was heading (a class's join link) survives confirming the e-mail address."""

from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.sites.requests import RequestSite
from django.shortcuts import resolve_url
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


# The page a new user signed up on the way to, until they confirm their address (allauth forgets it: they
# sign in again after confirming, ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION being off).
NEXT_AFTER_CONFIRMATION = "next_after_confirmation"


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            Profile.objects.get_or_create(
                user=user, defaults={"language": translation.get_language() or "en"}
            )
            next_url = request.POST.get(REDIRECT_FIELD_NAME)
            if next_url and self.is_safe_url(next_url):
                request.session[NEXT_AFTER_CONFIRMATION] = next_url
        return user

    def get_email_verification_redirect_url(self, email_address):
        # Confirmed in the browser they signed up in: the sign-in page still knows where they were going.
        url = super().get_email_verification_redirect_url(email_address)
        next_url = self.request.session.pop(NEXT_AFTER_CONFIRMATION, None)
        if next_url and not self.request.user.is_authenticated:
            return f"{resolve_url(url)}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"
        return url

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
