"""REST API of networking plans: same tokens and the same rules as the pages."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["networking plans"])
