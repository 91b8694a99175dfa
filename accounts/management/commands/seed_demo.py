"""Create the demo learner and instructor accounts and print their credentials."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import INSTRUCTORS_GROUP, Profile, User

DEMO_ACCOUNTS = [
    ("learner@example.com", "learner-demo-2026", False),
    ("instructor@example.com", "instructor-demo-2026", True),
]


class Command(BaseCommand):
    help = "Create (or reset) the demo learner and instructor accounts. Development only."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off (never do this on a public server).",
        )

    @transaction.atomic
    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo accounts have known passwords; run with DEBUG=true or pass --force.")
        instructors = Group.objects.get(name=INSTRUCTORS_GROUP)
        self.stdout.write("Demo accounts (e-mail / password):")
        for email, password, is_instructor in DEMO_ACCOUNTS:
            user, _created = User.objects.get_or_create(email=email)
            user.set_password(password)
            user.save()
            Profile.objects.get_or_create(user=user)
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            if is_instructor:
                user.groups.add(instructors)
            role = "instructor" if is_instructor else "learner"
            self.stdout.write(f"  {role:<10} {email} / {password}")
