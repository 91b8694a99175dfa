from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from accounts.roles import remember_role

        user_logged_in.connect(remember_role, dispatch_uid="accounts.remember_role")
