"""Bounded input types of the API, said in the schema and held by the model (issue 12).

A number without bounds reaches the database as whatever a client sends:
``"count": 9223372036854775808`` overflowed SQLite's integer and answered 500.
Every integer the API reads is one of these types (or has its own
``Field(ge=…, le=…)``), so the OpenAPI schema states the range and pydantic
refuses anything outside it with 422 before a use case runs. Dates are held
to years in which they mean something (:data:`FIRST_DAY` … :data:`LAST_DAY`).

Text with NUL characters (U+0000) is refused at the edge for every operation
(:func:`refuse_nul`): PostgreSQL cannot store it, and no name, title or
search contains one. The schema says so in one place, :func:`no_nul_in_schema`:
every text a request carries (path, query, body) has a pattern without NUL.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import ValidationError
from pydantic import (
    AfterValidator,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError, core_schema

__all__ = [
    "BLANK",
    "Cursor",
    "FIRST_DAY",
    "LAST_DAY",
    "MAX_ID",
    "MAX_OFFSET",
    "Offset",
    "Day",
    "FutureDay",
    "In",
    "NotBlank",
    "OneOf",
    "Id",
    "Months",
    "PageLimit",
    "NO_NUL",
    "NOT_BLANK_TEXT",
    "no_nul_in_schema",
    "one_of",
    "refuse_nul",
]

#: The largest id a database row can have (a signed 64-bit integer).
MAX_ID = 2**63 - 1
#: The earliest and latest dates the API accepts: 0001-01-01 or 9999-12-31 mean nothing here.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2199, 12, 31)

#: A row's id (path parameters and references in bodies).
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
#: How many rows a page may hold.
PageLimit = Annotated[int, Field(ge=1, le=500)]
#: The most rows a page may skip.
MAX_OFFSET = 10**9
#: Rows skipped before a page.
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET)]
#: Where a page starts: only what ``X-Next-Cursor`` gave (an offset, opaque to the caller).
Cursor = Annotated[
    str,
    Field(pattern="^[0-9]{0,9}$", description="The X-Next-Cursor of the previous page."),
]
#: A number of months ahead (help requests, referral validity): five years at most.
Months = Annotated[int, Field(ge=0, le=60)]


def _in_range(day: dt.date) -> dt.date:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(
            _("a date between %(first)s and %(last)s")
            % {"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()}
        )
    return day


#: The schema's pattern of text without NUL characters (ECMA and Python regex alike).
NO_NUL = "^[^\\x00]*$"


#: A calendar date in the years the API accepts; its range is stated in the schema's pattern.
Day = Annotated[
    dt.date,
    AfterValidator(_in_range),
    Field(
        json_schema_extra={
            "pattern": "^(19[0-9]{2}|2[01][0-9]{2})-",
            "description": f"A date from {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}.",
        }
    ),
]

_NUL = "\x00"


def _nul_at(value: Any, where: list[str | int]) -> list[str | int] | None:
    """Where the first NUL character is in a decoded JSON value (None: nowhere)."""
    if isinstance(value, str):
        return where if _NUL in value else None
    if isinstance(value, dict):
        for key, item in value.items():  # keys the schema does not name are ignored
            found = _nul_at(item, [*where, key])
            if found is not None:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _nul_at(item, [*where, index])
            if found is not None:
                return found
    return None


def _refused(kind: str, where: list[str | int]) -> ValidationError:
    return ValidationError([{"type": kind, "loc": where, "msg": ""}])


def refuse_nul(request: HttpRequest) -> None:
    """Raise a 422 naming a NUL character in the path or query (``string_nul``), or a body that is no object.

    Every JSON body of this API is an object: ``null`` or a list in its place
    is refused (``model_attributes_type``) rather than read as "no fields
    given". Text in a body is checked by its model (:class:`In`), which knows
    its fields: a field the schema does not name is ignored, whatever it holds.
    """
    if _NUL in request.path:
        raise _refused("string_nul", ["path"])
    for key, values in request.GET.lists():
        if _NUL in key or any(_NUL in v for v in values):
            raise _refused("string_nul", ["query", key])
    if request.content_type != "application/json" or not request.body:
        return  # a file upload's content is the importer's to judge (it names lines)
    if request.body.lstrip()[:1] == b"{":
        return
    try:
        decoded = json.loads(request.body)
    except ValueError:
        return  # not JSON: the parser answers 400
    if not isinstance(decoded, dict):
        raise _refused("model_attributes_type", ["body"])


def _is_number(annotation: Any) -> bool:
    """Whether a field's type is a number (``int``, ``float``, optional or not), and not ``bool``."""
    if annotation in (int, float):
        return True
    if get_origin(annotation) is Annotated:
        return _is_number(get_args(annotation)[0])
    if get_origin(annotation) in (Union, UnionType):
        kinds = [a for a in get_args(annotation) if a is not type(None)]
        return bool(kinds) and all(_is_number(a) for a in kinds)
    return False


class In(Schema):
    """The base of every request body: no text in it holds a NUL character (``string_nul``),
    and no number is ``true`` or ``false`` (pydantic reads them as 1 and 0; the schema says
    ``integer``)."""

    @field_validator("*", mode="before")
    @classmethod
    def _no_bool_for_a_number(cls, value: Any, info: ValidationInfo) -> Any:
        field = cls.model_fields.get(info.field_name or "")
        if isinstance(value, bool) and field is not None and _is_number(field.annotation):
            raise PydanticCustomError("int_type", "")
        return value

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        if _nul_at(value, []) is not None:
            raise PydanticCustomError("string_nul", "")
        return value


#: Characters Python's ``str.split()`` and ``str.strip()`` take for white space, spelled out so
#: that the schema's pattern (ECMA regex) and the model (Python) agree on what is blank.
_SPACE = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"

#: The pattern of text that is not blank: one character that is not white space.
BLANK = f"[^{_SPACE}]"
#: The schema's pattern of text that is not blank and holds no NUL (:data:`BLANK` and :data:`NO_NUL`).
NOT_BLANK_TEXT = f"^[^\\x00]*[^\\x00{_SPACE}][^\\x00]*$"
#: Text with at least one character that is not white space (a search, a title).
NotBlank = Annotated[str, Field(min_length=1, pattern=BLANK)]

#: Text formats whose every value is free of NUL already: the schema's own rule stays.
_NUL_FREE_FORMATS = {"date", "date-time", "time", "binary", "uuid"}


def _text_without_nul(node: dict[str, Any]) -> None:
    """The pattern of one text's schema, unless its format or values hold no NUL already."""
    kind = node.get("type")
    if (kind == "string" or (isinstance(kind, list) and "string" in kind)) and not (
        "enum" in node or "const" in node or node.get("format") in _NUL_FREE_FORMATS
    ):
        pattern = node.get("pattern")
        if pattern is None:
            node["pattern"] = NO_NUL
        elif pattern == BLANK:
            node["pattern"] = NOT_BLANK_TEXT
        # Any other pattern of this API holds no NUL already (Cursor's digits, Day's years);
        # tests/api/test_schema_nul.py fails on one that would.


def _no_nul(node: Any, components: dict[str, Any], seen: set[str]) -> None:
    """Give every text in ``node`` (a JSON schema) a pattern without NUL, following ``$ref``."""
    if isinstance(node, list):
        for item in node:
            _no_nul(item, components, seen)
        return
    if not isinstance(node, dict):
        return
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
        name = ref.rsplit("/", 1)[1]
        if name not in seen and name in components:
            seen.add(name)
            _no_nul(components[name], components, seen)
    _text_without_nul(node)
    for key in ("properties", "$defs", "definitions", "patternProperties"):
        for item in (node.get(key) or {}).values():
            _no_nul(item, components, seen)
    for key in ("items", "additionalProperties", "anyOf", "oneOf", "allOf", "prefixItems", "not"):
        if key in node:
            _no_nul(node[key], components, seen)


def no_nul_in_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """Say in the OpenAPI schema what :func:`refuse_nul` and :class:`In` hold: no NUL in any text
    of a request (path and query parameters, and bodies, as far as their references go).

    The one place that says it: every operation's parameters and request bodies are walked,
    and each text gets the pattern :data:`NO_NUL` (or :data:`NOT_BLANK_TEXT` for
    :data:`NotBlank`). Answers are left as they are.
    """
    components = schema.get("components", {}).get("schemas", {})
    seen: set[str] = set()
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict):
                continue
            for parameter in operation.get("parameters", []):
                _no_nul(parameter.get("schema"), components, seen)
            for content in (operation.get("requestBody") or {}).get("content", {}).values():
                _no_nul(content.get("schema"), components, seen)
    return schema


@dataclass(frozen=True)
class OneOf:
    """``Annotated[str, OneOf(values)]``: the schema lists the values (``enum``), the model holds to them."""

    values: tuple[str, ...]

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> Any:
        answer = handler(schema)
        answer["enum"] = list(self.values)
        return answer

    def _check(self, value: str) -> str:
        if value not in self.values:
            raise PydanticCustomError("enum", "", {"expected": ", ".join(self.values)})
        return value


def one_of(values: Any) -> OneOf:
    """The metadata for a text with these allowed values (a model's ``TextChoices.values``)."""
    return OneOf(tuple(str(v) for v in values))


def _future_years(schema: dict[str, Any]) -> None:
    """The pattern of a day in a year after this one (up to :data:`LAST_DAY`), said afresh each time.

    "Today or later" is no JSON Schema a validator knows; the years after this one are
    (the days left of this year are accepted too: the schema is the stricter of the two).
    """
    first = timezone.localdate().year + 1
    decades = []
    for decade in range(first // 10, LAST_DAY.year // 10 + 1):
        low = first % 10 if decade == first // 10 else 0
        decades.append(f"{decade}[{low}-9]")
    schema["pattern"] = "^(" + "|".join(decades) + ")-"
    schema["description"] = "A day from today to " + LAST_DAY.isoformat() + "."


#: A day that is today or later (a meeting, a vacancy's closing day); the use case refuses a past one.
FutureDay = Annotated[dt.date, AfterValidator(_in_range), Field(json_schema_extra=_future_years)]
