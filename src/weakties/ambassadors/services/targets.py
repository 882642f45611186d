"""The organisation's target list: companies and sectors it wants paths into (admin-edited).

A company is stored under its key (``resolve.company_key``: "Stripe, Inc."
and "stripe" are one target); a sector under the sector key that imports
give companies (``resolve.sectors.SECTORS``), chosen by key or by its Dutch
or English name.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from weakties.accounts.models import Organisation
from weakties.accounts.services.audit import audit
from weakties.core.errors import ServiceError
from weakties.resolve import company_key
from weakties.resolve.sectors import SECTORS

from ..models import Target
from ..sectors import sector_key, sector_name

__all__ = ["target_add", "target_remove", "targets_rekey"]


def target_add(*, organisation: Organisation, kind: str, name: str, actor: Any = None) -> Target:
    """Add a target company or sector; adding one that is there already changes nothing."""
    name = " ".join((name or "").split())
    if kind == Target.Kind.SECTOR:
        key = sector_key(name)
        if key is None:
            raise ServiceError(
                _("Unknown sector {name}; choose one of: {sectors}.").format(
                    name=repr(name), sectors=", ".join(sector_name(s) for s in SECTORS)
                )
            )
        name = key
    elif kind == Target.Kind.COMPANY:
        key = company_key(name)
        if not key:
            raise ServiceError(_("Name the company to add."))
    else:
        raise ServiceError(_("A target is a company or a sector."))
    target, created = Target.objects.get_or_create(
        organisation=organisation, kind=kind, key=key, defaults={"name": name[:300]}
    )
    if created:
        audit("ambassadors.target_add", actor=actor, organisation=organisation.pk, target=name)
    return target


def target_remove(*, organisation: Organisation, target_id: int, actor: Any = None) -> None:
    """Remove a target of this organisation (another organisation's is not found)."""
    target = Target.objects.filter(organisation=organisation, pk=target_id).first()
    if target is None:
        raise ServiceError(_("There is no such target."))
    target.delete()
    audit(
        "ambassadors.target_remove", actor=actor, organisation=organisation.pk, target=target.name
    )


def targets_rekey(sender: object = None, *, keys: dict[str, str], **kwargs: object) -> int:
    """Target companies whose key changed take the new one (``people.signals.companies_rekeyed``).

    Two targets of an organisation that now name the same company become one
    (the older stays).  Returns how many changed.
    """
    changed = 0
    for target in Target.objects.filter(kind=Target.Kind.COMPANY, key__in=list(keys)).order_by(
        "pk"
    ):
        key = company_key(target.name) or keys[target.key]
        if key == target.key:
            continue
        same = Target.objects.filter(organisation_id=target.organisation_id, kind=target.kind)
        if same.filter(key=key).exists():
            target.delete()
        else:
            Target.objects.filter(pk=target.pk).update(key=key)
        changed += 1
    return changed
