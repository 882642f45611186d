"""The one error answer of the API, documented on every operation (issue 12).

Every refusal has the same shape, :class:`Error`: ``detail`` is a sentence in
the request's language (a refused use case, a missing token, something not
found, too many requests) or, for a malformed request, the list of what is
wrong and where (:class:`Invalid`: ``type``, ``loc``, ``msg``); an import that
is refused as a whole also names its lines (``errors``).

:func:`document_errors` adds that answer to the OpenAPI schema for every
status an operation can give besides its success (:data:`ERROR_STATUSES`),
so that a client (or schemathesis' ``status_code_conformance``) finds every
answer it can get described, each with this one schema.
"""

from __future__ import annotations

from typing import Any

from ninja import Schema

__all__ = ["ERROR_STATUSES", "Error", "Invalid", "LineError", "document_errors"]


class Invalid(Schema):
    """One thing wrong with a request: its kind, where it is (``["query", "limit"]``), in words."""

    type: str
    loc: list[str | int]
    msg: str


class LineError(Schema):
    """A line of an uploaded file that was refused (``line`` is empty for the file as a whole)."""

    line: int | None
    message: str


class Error(Schema):
    """Every refusal: a sentence, or the list of what is malformed; an import's refused lines."""

    detail: str | list[Invalid]
    errors: list[LineError] | None = None


#: What each status means, for the schema's ``description`` (said once, in English, like the schema).
ERROR_STATUSES: dict[int, str] = {
    400: "The body is not valid JSON or not a form that can be read.",
    401: "No valid API token (Authorization: Bearer wt_…).",
    403: "The token's user may not do this (another role or another organisation).",
    404: "Not found, or not visible to this token's user: both are answered alike.",
    409: "Not possible in the current state (for example: no analysis yet).",
    422: "Refused: a malformed value (a list of what and where) or a rule of the use case"
    " (a sentence). Text may not contain NUL characters; numbers and dates keep to the"
    " bounds this schema gives.",
    429: "Too many requests: too many wrong tokens from this address or too many person"
    " searches this hour. Retry-After says when to try again.",
    414: "The request line is too long for the server (gunicorn: over 4094 bytes); it answers"
    " before the API, in HTML.",
    503: "The database is busy (an embedded database while a long import writes):"
    " try again after Retry-After seconds.",
}

#: Statuses every operation can answer: those that follow from the request alone, and 503
#: while an embedded database is locked by a long write.
#: 409 is documented only where an operation declares it.
EVERY_OPERATION = (400, 401, 403, 404, 422, 429, 503)
#: Answered by the web server in front of the API (``weakties serve``), in its own HTML.
FROM_THE_SERVER = (414,)

_REF = "#/components/schemas/{model}"


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Add :class:`Error` to every operation for every status in :data:`EVERY_OPERATION`.

    An operation that declared one of these statuses with another schema gets
    :class:`Error` instead: there is one error schema, and the declared
    ones are kept only as long as they are its subsets (they must be).
    """
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    error_schema = Error.model_json_schema(ref_template=_REF)
    for name, definition in error_schema.pop("$defs", {}).items():
        components[name] = definition
    components["Error"] = error_schema
    answer_content = {"application/json": {"schema": {"$ref": _REF.format(model="Error")}}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            declared = {int(code) for code in responses}
            for status in sorted(declared | set(EVERY_OPERATION)):
                if status < 400:
                    continue
                responses[status] = {
                    "description": ERROR_STATUSES.get(status, "Refused."),
                    "content": answer_content,
                }
            for status in FROM_THE_SERVER:
                responses[status] = {
                    "description": ERROR_STATUSES[status],
                    "content": {"text/html": {"schema": {"type": "string"}}},
                }
            for code in [c for c in responses if isinstance(c, str) and int(c) >= 400]:
                del responses[code]  # keyed by number, as ninja keys the rest
    return schema
