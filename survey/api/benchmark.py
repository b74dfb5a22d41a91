"""GET /api/v1/benchmark: the pool's percentiles for a sector, size band and profile, never below k."""

from __future__ import annotations

from flask import jsonify, request

from survey.api import bp
from survey.domain.benchmark.pool import SECTORS, SIZE_BANDS
from survey.extensions import get_questionnaire
from survey.store.benchmark import read_cell


def _error(message: str, status: int):
    return jsonify(error=message), status


@bp.get("/benchmark")
def benchmark():
    filters = {"sector": SECTORS, "size": SIZE_BANDS, "profile": get_questionnaire().profile_ids}
    chosen: dict[str, str | None] = {}
    for name, allowed in filters.items():
        value = request.args.get(name) or None
        if value is not None and value not in allowed:
            return _error(f"unknown {name} {value!r}: expected one of {', '.join(allowed)}", 422)
        chosen[name] = value
    cell = read_cell(chosen["sector"], chosen["size"], chosen["profile"])
    if not cell.shown:
        return _error(f"{cell.count} organisations so far in this cell; figures are shown from {cell.k}", 404)
    return jsonify({**cell.as_dict(), "demo": cell.demo})


def benchmark_openapi(profile_ids) -> dict:
    """The path's OpenAPI entry (merged into openapi.py's document)."""

    def parameter(name: str, values, description: str) -> dict:
        schema = {"type": "string", "enum": list(values)}
        return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}

    spread = {
        "type": "object",
        "properties": {p: {"type": "integer", "minimum": 0, "maximum": 100} for p in ("p25", "p50", "p75")},
    }
    cell = {
        "type": "object",
        "properties": {
            "count": {"type": "integer", "description": "Organisations in the cell"},
            "k": {"type": "integer", "description": "Organisations needed before any figure is shown"},
            "dimensions": {
                "type": "object",
                "description": "Per practice (and overall): 25th percentile, median, 75th, whole points",
                "additionalProperties": spread,
            },
            "demo": {"type": "boolean", "description": "Some of the pool is synthetic demo data"},
        },
    }
    error = {"type": "object", "properties": {"error": {"type": "string"}}}
    return {
        "get": {
            "summary": "The opt-in benchmark pool's percentiles (no token needed; k-anonymous)",
            "description": "Organisations whose respondents chose to add their scores. Figures only for a cell of "
            "at least k organisations; below k, 404 with how many there are so far.",
            "security": [],
            "parameters": [
                parameter("sector", SECTORS, "A sector (any when absent)"),
                parameter("size", SIZE_BANDS, "A size band, employees (any when absent)"),
                parameter("profile", profile_ids, "Who answered (any when absent)"),
            ],
            "responses": {
                "200": {"description": "The cell", "content": {"application/json": {"schema": cell}}},
                "404": {"description": "Fewer than k", "content": {"application/json": {"schema": error}}},
                "422": {"description": "A bad filter", "content": {"application/json": {"schema": error}}},
            },
        }
    }
