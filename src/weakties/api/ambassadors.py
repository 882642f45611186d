"""REST API of ambassadors: same tokens and the same rules as the pages."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["ambassadors"])
