"""Building blocks of the OpenAPI schemas (openapi.py, openapi_synthesis.py)."""

from __future__ import annotations


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def enum(*values) -> dict:
    return {"type": "string", "enum": list(values)}


def obj(properties: dict, required: list[str] | None = None) -> dict:
    return {"type": "object", "properties": properties, "required": required or list(properties)}


NUMBER = {"type": "number"}
SCORE = nullable(NUMBER)
TEXT = {"type": "string"}
TIME = nullable({"type": "string", "format": "date-time"})
INTEGER = {"type": "integer"}
