"""The OpenAPI page (``/api/docs``) from the app's own static files, not a CDN.

swagger-ui comes from npm (``swagger-ui-dist``, pinned in package-lock.json);
``scripts/vendor-assets.sh`` copies it into ``static/weakties/vendor/swagger-ui/``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger

if TYPE_CHECKING:
    from ninja import NinjaAPI


class LocalSwagger(Swagger):
    """django-ninja's Swagger page, rendered with weakties' template and vendored files."""

    template = "weakties/api_docs.html"
    #: validatorUrl None: swagger-ui would otherwise send the schema to validator.swagger.io.
    default_settings = {**Swagger.default_settings, "validatorUrl": None}

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {
            "swagger_settings": json.dumps(self.settings).replace("<", "\\u003c"),
            "api": api,
        }
        return render(request, self.template, context)
