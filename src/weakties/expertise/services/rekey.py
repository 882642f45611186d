"""Target lines follow the companies when their keys change (``people.signals.companies_rekeyed``)."""

from __future__ import annotations

from weakties.expertise.models import Target
from weakties.resolve import company_key

__all__ = ["targets_rekey"]


def targets_rekey(*, keys: dict[str, str]) -> int:
    """Company lines whose key changed (``people.services.company_keys``) take the new key; how many.

    A line keeps the name its owner gave; its key is read from that name again.
    """
    if not keys:
        return 0
    changed = 0
    lines = Target.objects.filter(kind=Target.Kind.COMPANY, key__in=list(keys))
    for target in lines.only("pk", "name", "key"):
        key = company_key(target.name) or keys[target.key]
        if key != target.key:
            Target.objects.filter(pk=target.pk).update(key=key)
            changed += 1
    return changed
