"""A number in a request body is a number: JSON's ``true``/``false`` is refused (issue 12 §5).

pydantic reads ``true`` as 1 for an ``int`` field; the schema says ``integer``, so
schemathesis found ``{"placed": false}`` accepted. ``inputs.In`` refuses it for every body.
"""

from __future__ import annotations

from typing import Annotated

import pytest
from pydantic import Field, ValidationError

from weakties.api.inputs import In
from weakties.api.meetings import MatchStageIn


class _Body(In):
    count: int = 1
    share: float | None = None
    flag: bool = False
    bounded: Annotated[int, Field(ge=0, le=10)] | None = None


@pytest.mark.parametrize(
    "given",
    [{"count": True}, {"share": False}, {"bounded": True}, {"bounded": False}],
)
def test_true_or_false_is_no_number(given):
    with pytest.raises(ValidationError) as refused:
        _Body(**given)
    assert refused.value.errors()[0]["type"] == "int_type"


def test_numbers_and_true_false_where_they_belong_are_read():
    body = _Body(count=3, share=0.5, flag=True, bounded=0)
    assert (body.count, body.share, body.flag, body.bounded) == (3, 0.5, True, 0)


def test_the_match_stage_refuses_placed_false():
    with pytest.raises(ValidationError):
        MatchStageIn(stage="proposed", placed=False)
    assert MatchStageIn(stage="placed", placed=2).placed == 2
