"""``weakties token create EMAIL``: an API token for a user (shown once)."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weakties.accounts.models import ApiToken
from weakties.cli.base import CommandError, WeaktiesCommand


class Command(WeaktiesCommand):
    help = gettext_lazy("Create an API bearer token for a login.")

    def add_options(self, parser):
        parser.add_argument("action", choices=["create"], help=gettext_lazy("what to do"))
        parser.add_argument("username", help=gettext_lazy("the login the token acts as"))
        parser.add_argument(
            "--name", default="", help=gettext_lazy("a name to recognise the token by")
        )

    def run(self, *, action, username, name, **options):
        user = get_user_model().objects.filter(username__iexact=username).first()
        if user is None:
            raise CommandError(
                _("no login {username}; create one with `weakties user create EMAIL`").format(
                    username=repr(username)
                )
            )
        _token, key = ApiToken.issue(user, name)
        return {"username": user.username, "token": key}

    def show(self, result):
        self.console.print(
            _("API token for {username} (shown only once):").format(username=result["username"])
        )
        self.console.print(f"  {result['token']}", markup=False)
