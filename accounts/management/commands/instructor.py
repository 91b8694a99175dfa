"""Grant or revoke the instructor role: `manage.py instructor EMAIL [--revoke]`."""

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from accounts.models import INSTRUCTORS_GROUP, User


class Command(BaseCommand):
    help = (
        "Make a user an instructor (member of the instructors group), or with --revoke stop them being one."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--revoke", action="store_true", help="remove the role instead of granting it")

    def handle(self, *args, email, revoke, **options):
        try:
            user = User.objects.get(email__iexact=email)
        except User.DoesNotExist:
            raise CommandError(f"No user has the e-mail address {email!r}.") from None
        group = Group.objects.get(name=INSTRUCTORS_GROUP)
        if revoke:
            user.groups.remove(group)
            self.stdout.write(f"{user.email} is no longer an instructor.")
        else:
            user.groups.add(group)
            self.stdout.write(f"{user.email} is now an instructor.")
