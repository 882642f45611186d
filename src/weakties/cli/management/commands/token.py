"""``weakties token create EMAIL``: an API token for a user (shown once)."""

from django.contrib.auth import get_user_model

from weakties.accounts.models import ApiToken
from weakties.cli.base import CommandError, WeaktiesCommand


class Command(WeaktiesCommand):
    help = "Create an API bearer token for a login."

    def add_options(self, parser):
        parser.add_argument("action", choices=["create"])
        parser.add_argument("username")
        parser.add_argument("--name", default="")

    def run(self, *, action, username, name, **options):
        user = get_user_model().objects.filter(username__iexact=username).first()
        if user is None:
            raise CommandError(f"no login {username!r}; create one with `weakties user create EMAIL`")
        _, key = ApiToken.issue(user, name)
        return {"username": user.username, "token": key}
