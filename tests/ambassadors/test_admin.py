"""The operator's view in Django's admin site: targets keyed as the app keys them."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from weakties.ambassadors.models import Target

pytestmark = pytest.mark.django_db


def test_a_superuser_adds_targets_in_the_admin_site(org, client):
    root = get_user_model().objects.create_superuser("root", "root@example.org", "pw-Root-12345")
    client.force_login(root)
    for kind, name in (("company", "Stripe, Inc."), ("sector", "healthcare")):
        response = client.post(
            "/admin/ambassadors/target/add/", {"organisation": org.pk, "kind": kind, "name": name}
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    assert dict(Target.objects.values_list("kind", "key")) == {
        "company": "stripe",
        "sector": "zorg",
    }
    for model in ("target", "campaign", "decline", "post", "share"):
        assert client.get(f"/admin/ambassadors/{model}/").status_code == 200
