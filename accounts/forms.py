from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        choices=settings.LANGUAGES,
        error_messages={
            "invalid_choice": _("“%(value)s” is not a language this site offers."),
            "required": _("Choose a language."),
        },
    )
    next = forms.CharField(required=False, max_length=2000)


class SignupForm(AllauthSignupForm):
    """allauth's sign-up, doing the same work for an e-mail that already has an account.

    For a known e-mail allauth only mails the owner, so the answer came ~15 times faster than
    for a new one (no password hash) and told a stranger which addresses have accounts.
    """

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))  # the cost a new account pays
        return super().try_save(request)
