"""Target lists: a sales or recruiting user's companies and people to reach (issue 10, part 5).

The owner pastes or uploads the list (:mod:`weakties.expertise.target_input`
reads it), sees per target the best paths through the organisation
(:func:`weakties.expertise.selectors.coverage.coverage`) and may **watch**
it: an import that creates a path to one of its targets tells the owner
(:mod:`weakties.expertise.services.watch`).  Who may do this is decided at
the edges (:mod:`weakties.expertise.rules`); every change is audited.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from weakties.accounts.models import Employee
from weakties.accounts.services.audit import audit
from weakties.core.errors import ServiceError
from weakties.expertise.models import Target, TargetList
from weakties.expertise.target_input import (
    TargetInputError,
    TargetLine,
    read_target_file,
    read_targets,
)
from weakties.people.models import Erasure
from weakties.people.services.identity import digest

__all__ = [
    "target_lines",
    "target_list_create",
    "target_list_update",
    "target_list_replace",
    "target_list_delete",
]

MAX_NAME = 200


def target_lines(
    *, text: str | None = None, data: bytes | None = None, file_name: str = ""
) -> list[TargetLine]:
    """The targets of pasted ``text`` or an uploaded file's ``data``; ServiceError for people."""
    try:
        if data is not None:
            return read_target_file(data, file_name)
        return read_targets(text or "")
    except TargetInputError as exc:
        raise ServiceError(_(exc.message) % exc.values if exc.values else _(exc.message)) from None


def _purpose(purpose: str) -> str:
    if purpose not in TargetList.Purpose.values:
        raise ServiceError(
            _("purpose must be one of %(choices)s")
            % {"choices": ", ".join(TargetList.Purpose.values)}
        )
    return purpose


def _name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ServiceError(_("give the list a name"))
    if len(name) > MAX_NAME:
        raise ServiceError(_("the name is too long: at most %(n)d characters") % {"n": MAX_NAME})
    return name


def _store_targets(target_list: TargetList, lines: list[TargetLine]) -> None:
    """Store the lines; a person erased on request (issue 12) is left out, as every import does."""
    erased = set(
        Erasure.objects.filter(
            kind="linkedin",
            digest__in=[digest(line.url) for line in lines if line.kind == Target.Kind.PERSON],
        ).values_list("digest", flat=True)
    )
    Target.objects.bulk_create(
        [
            Target(
                target_list=target_list,
                line=line.line,
                kind=line.kind,
                name=line.name,
                key=line.key,
                url=line.url,
                digest=digest(line.url) if line.kind == Target.Kind.PERSON else "",
            )
            for line in lines
            if line.kind != Target.Kind.PERSON or digest(line.url) not in erased
        ],
        batch_size=1000,
    )


@transaction.atomic
def target_list_create(
    *,
    owner: Employee,
    name: str,
    lines: list[TargetLine],
    purpose: str = "sales",
    watched: bool = False,
) -> TargetList:
    """Store a list of ``owner`` with its targets (read with :func:`target_lines`)."""
    target_list = TargetList.objects.create(
        organisation_id=owner.organisation_id,
        owner=owner,
        name=_name(name),
        purpose=_purpose(purpose),
        watched=watched,
    )
    _store_targets(target_list, lines)
    audit(
        "target_list_create",
        actor=owner.user,
        actor_label=owner.email,
        target_list=target_list.pk,
        targets=len(lines),
        watched=watched,
    )
    return target_list


@transaction.atomic
def target_list_replace(
    *, target_list: TargetList, lines: list[TargetLine], actor: Employee
) -> TargetList:
    """Replace the list's targets with new ones (a new upload of the same list)."""
    target_list.targets.all().delete()
    _store_targets(target_list, lines)
    target_list.save(update_fields=["updated_at"])
    audit(
        "target_list_replace",
        actor=actor.user,
        actor_label=actor.email,
        target_list=target_list.pk,
        targets=len(lines),
    )
    return target_list


@transaction.atomic
def target_list_update(
    *,
    target_list: TargetList,
    actor: Employee,
    name: str | None = None,
    purpose: str | None = None,
    watched: bool | None = None,
) -> TargetList:
    """Rename, change the purpose, or watch and unwatch the list (``None``: as it is)."""
    if name is not None:
        target_list.name = _name(name)
    if purpose is not None:
        target_list.purpose = _purpose(purpose)
    if watched is not None:
        target_list.watched = watched
    target_list.save()
    audit(
        "target_list_update",
        actor=actor.user,
        actor_label=actor.email,
        target_list=target_list.pk,
        watched=target_list.watched,
    )
    return target_list


@transaction.atomic
def target_list_delete(*, target_list: TargetList, actor: Employee) -> None:
    """Delete the list and its targets."""
    pk = target_list.pk
    target_list.delete()
    audit("target_list_delete", actor=actor.user, actor_label=actor.email, target_list=pk)
