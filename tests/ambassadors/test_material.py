"""Ambassador material: admins publish, employees copy and say "I shared it"; counts stay private."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils import translation

from weakties.accounts.models import Employee
from weakties.ambassadors.models import Post, Share
from weakties.ambassadors.selectors import post_share_counts, posts_for
from weakties.ambassadors.services.material import post_archive, post_publish, share_mark
from weakties.core.errors import ServiceError

from .conftest import ANNA, JAN, SOPHIE, TOM, login

pytestmark = pytest.mark.django_db

POST = {
    "title_nl": "Wij zoeken developers",
    "title_en": "We are hiring developers",
    "link": "https://acme.nl/vacatures",
    "text_nl": "Ken jij een goede developer? Acme zoekt versterking.",
    "text_en": "Know a good developer? Acme is hiring.",
}


def publish(org, **more):
    return post_publish(organisation=org, **{**POST, **more})


def test_a_post_needs_a_web_link_and_a_dutch_text(org):
    with translation.override("en"), pytest.raises(ServiceError, match="not a web address"):
        publish(org, link="javascript:alert(1)")
    with pytest.raises(ServiceError):
        publish(org, text_nl="  ")
    assert not Post.objects.exists()


def test_each_employee_sees_the_post_in_their_language(org):
    post = publish(org)
    with translation.override("en"):
        assert post.title == "We are hiring developers"
    with translation.override("nl"):
        assert post.text.startswith("Ken jij")
    dutch_only = publish(org, title_en="", text_en="")
    with translation.override("en"):
        assert dutch_only.title == "Wij zoeken developers"  # falls back to the Dutch text


def test_shared_is_recorded_only_when_the_employee_says_so_and_can_be_taken_back(org):
    post = publish(org)
    tom = Employee.objects.get(email=TOM)
    assert [p.shared for p in posts_for(employee=tom)] == [False]
    share_mark(post=post, employee=tom)
    share_mark(post=post, employee=tom)  # twice is once
    assert Share.objects.count() == 1
    assert [p.shared for p in posts_for(employee=tom)] == [True]
    share_mark(post=post, employee=tom, shared=False)
    assert not Share.objects.exists()


def test_archived_posts_leave_the_list_and_cannot_be_marked(org):
    post = publish(org)
    post_archive(post=post)
    tom = Employee.objects.get(email=TOM)
    assert list(posts_for(employee=tom)) == []
    with pytest.raises(ServiceError):
        share_mark(post=post, employee=tom)


def test_another_organisations_post_cannot_be_marked(org, globex):
    post = publish(globex)
    with pytest.raises(ServiceError):
        share_mark(post=post, employee=Employee.objects.get(email=TOM))


@override_settings(WEAKTIES_MIN_GROUP=3)
def test_admins_see_counts_but_not_small_ones(org):
    post = publish(org)
    for email in (JAN, TOM):
        share_mark(post=post, employee=Employee.objects.get(email=email))
    assert [r["shares"] for r in post_share_counts(organisation=org)] == [None]  # fewer than 3
    share_mark(post=post, employee=Employee.objects.get(email=SOPHIE))
    assert [r["shares"] for r in post_share_counts(organisation=org)] == [3]


def test_the_material_page_for_employees_and_admins(org, client):
    login(client, ANNA, role="admin")
    response = client.post("/ambassadors/material/", POST)
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.published_by.email == ANNA
    admin_page = client.get("/ambassadors/material/").content.decode()
    assert 'id="publish"' in admin_page and f'data-post="{post.pk}"' in admin_page
    client.logout()
    login(client, TOM)  # English
    page = client.get("/ambassadors/material/").content.decode()
    assert "Know a good developer? Acme is hiring." in page
    assert 'id="publish"' not in page and 'id="post-counts"' not in page
    assert client.post("/ambassadors/material/", POST).status_code == 403
    shared = client.post(
        f"/ambassadors/material/{post.pk}/shared/", {"shared": "1"}, HTTP_HX_REQUEST="true"
    )
    assert shared.status_code == 200 and 'data-shared="1"' in shared.content.decode()
    assert Share.objects.filter(employee__email=TOM).exists()
    assert client.post(f"/ambassadors/material/{post.pk}/archive/").status_code == 403
    client.post(f"/ambassadors/material/{post.pk}/shared/", {"shared": "0"})
    assert not Share.objects.exists()
