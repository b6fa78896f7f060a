"""Frozen dataclasses to JSON and back, so a frozen memo can be stored and rebuilt exactly.

The memo is made of the decision engine's own frozen dataclasses. Rather than a hand-written
serializer per class (which would drift as fields are added), this walks the type hints: it
handles the few shapes those classes use (scalars, dates, enums, optional values, tuples and
nested dataclasses) and refuses anything else loudly.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date
from enum import Enum
from functools import cache
from typing import Any

JSON = dict[str, Any] | list[Any] | str | int | float | bool | None


def to_json(value: Any) -> JSON:
    """A JSON-ready copy of ``value`` (a dataclass, or anything inside one)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [to_json(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot snapshot {type(value).__name__}")


def from_json(kind: Any, data: JSON) -> Any:
    """Rebuild a value of type ``kind`` from what ``to_json`` made."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        if data is None and type(None) in typing.get_args(kind):
            return None
        options = [option for option in typing.get_args(kind) if option is not type(None)]
        if len(options) == 1:
            return from_json(options[0], data)
        # A union of scalars (bool | int | str): JSON kept the type, so it picks the option.
        if type(data) in options:
            return data
        # A union of dataclasses (Estimate | Unfit): the one whose fields the stored keys are.
        if isinstance(data, dict) and (fitting := [option for option in options if _fits(option, data)]):
            return from_json(fitting[0], data)
        raise TypeError(f"cannot rebuild {kind!r} from {data!r}")
    if origin is tuple:
        args = typing.get_args(kind)
        assert isinstance(data, list)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_json(args[0], item) for item in data)
        return tuple(from_json(arg, item) for arg, item in zip(args, data, strict=True))
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        assert isinstance(data, dict)
        hints = _hints(kind)
        # A field added since the snapshot was taken keeps its default; one renamed since is read by its
        # old name where the class still accepts it (an InitVar, such as Facts.needs_private_knowledge).
        return kind(
            **{
                name: from_json(_stored_type(hints[name]), data[name])
                for name, f in kind.__dataclass_fields__.items()
                if f.init and name in data
            }
        )
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(data)
    if kind is date and isinstance(data, str):
        return date.fromisoformat(data)
    if kind is float and isinstance(data, int | float):
        return float(data)
    if kind in (str, int, bool) and type(data) is kind:
        return data
    raise TypeError(f"cannot rebuild {kind!r} from {data!r}")


def _fits(kind: Any, data: dict[str, Any]) -> bool:
    """Whether ``data`` holds exactly the fields of the dataclass ``kind`` (its required ones at least)."""
    if not (isinstance(kind, type) and dataclasses.is_dataclass(kind)):
        return False
    fields = {f.name: f for f in dataclasses.fields(kind)}
    required = {
        name
        for name, f in fields.items()
        if f.init and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }
    return required <= set(data) <= set(fields)


def _stored_type(hint: Any) -> Any:
    """The type a field's value has: an InitVar's own (InitVar[bool | None] holds a bool or None)."""
    return hint.type if isinstance(hint, dataclasses.InitVar) else hint


@cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)
