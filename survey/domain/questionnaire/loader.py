"""Loading questions.yaml: parse, validate the schema and the cross-references, report every problem.

Every problem found is reported with the file, the line where known, a readable path (dimension /
question ids) and what is wrong, so that whoever edits the YAML can fix it without reading Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from survey.domain.questionnaire.model import DONT_KNOW, Questionnaire
from survey.domain.questionnaire.rules import findings_content_problems


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a questionnaire file."""

    path: str
    message: str
    line: int | None = None

    def format(self, source: str) -> str:
        where = f"{source}:{self.line}" if self.line else source
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class QuestionnaireError(Exception):
    """The questionnaire file cannot be used; `problems` lists every reason found."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = problems
        super().__init__("\n".join(p.format(source) for p in problems))


def load_questionnaire(path: str | Path) -> Questionnaire:
    """Read, parse and validate a questionnaire file, or raise QuestionnaireError."""
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise QuestionnaireError(source, [Problem("", f"cannot read file: {reason}")]) from None
    return parse_questionnaire(text, source)


def parse_questionnaire(text: str, source: str = "<string>") -> Questionnaire:
    """Validate questionnaire YAML text; errors carry line numbers and id-based paths."""
    try:
        root, data = _parse_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        reason = getattr(error, "problem", None) or str(error)
        raise QuestionnaireError(source, [Problem("", f"YAML syntax error: {reason}", line)]) from None
    if not isinstance(data, dict):
        raise QuestionnaireError(source, [Problem("", "the file must hold a mapping at the top level")])

    locator = _Locator(root, data)
    problems = locator.duplicate_keys()
    try:
        questionnaire = Questionnaire.model_validate(data)
    except ValidationError as error:
        problems += [locator.problem(tuple(e["loc"]), _pydantic_message(e)) for e in error.errors()]
        raise QuestionnaireError(source, problems) from None
    problems += [locator.problem(loc, message) for loc, message in _semantic_problems(questionnaire)]
    if problems:
        raise QuestionnaireError(source, problems)
    return questionnaire


def _parse_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    """The node tree (for line numbers) and the data built from it, in one pass of libyaml's parser where PyYAML
    has it (the pure-Python one took seconds per app on the shipped questionnaire, twice)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        root = loader.get_single_node()
        return root, (loader.construct_document(root) if root is not None else None)
    finally:
        loader.dispose()


def _pydantic_message(error: dict[str, Any]) -> str:
    kind = error["type"]
    if kind == "missing":
        return f"missing required key '{error['loc'][-1]}'"
    if kind == "extra_forbidden":
        return f"unknown key '{error['loc'][-1]}'"
    if isinstance(error.get("input"), bool):
        return f"{error['msg']} (YAML reads yes/no/on/off as true/false: put the text in quotes)"
    return error["msg"]


def _semantic_problems(q: Questionnaire) -> list[tuple[tuple, str]]:
    """Rules that span several objects: unique ids, references, thresholds."""
    found: list[tuple[tuple, str]] = []
    found += _duplicates([("profiles", i) for i in range(len(q.profiles))], [p.id for p in q.profiles], "profile id")
    found += _duplicates([("levels", i) for i in range(len(q.levels))], [lvl.id for lvl in q.levels], "level id")
    found += _duplicates([("owners", i) for i in range(len(q.owners))], [o.id for o in q.owners], "owner id")
    found += _duplicates(
        [("dimensions", i) for i in range(len(q.dimensions))], [d.id for d in q.dimensions], "dimension id"
    )
    question_locs = [
        ("dimensions", di, "questions", qi) for di, d in enumerate(q.dimensions) for qi in range(len(d.questions))
    ]
    found += _duplicates(question_locs, [qu.id for d in q.dimensions for qu in d.questions], "question id")

    if q.levels[0].min != 0:
        found.append((("levels", 0, "min"), "the first level must start at 0"))
    for i in range(1, len(q.levels)):
        if q.levels[i].min <= q.levels[i - 1].min:
            found.append((("levels", i, "min"), "thresholds must be in increasing order"))

    profiles = set(q.profile_ids)
    non_top_levels = [lvl.id for lvl in q.levels[:-1]]
    level_ids = {lvl.id for lvl in q.levels}
    for di, dim in enumerate(q.dimensions):
        for qi, question in enumerate(dim.questions):
            loc = ("dimensions", di, "questions", qi)
            for pi, profile in enumerate(question.profiles):
                if profile not in profiles:
                    found.append(((*loc, "profiles", pi), f"unknown profile '{profile}'"))
            for profile in question.text_by_profile:
                if profile not in profiles:
                    found.append(((*loc, "text_by_profile", profile), f"unknown profile '{profile}'"))
            values = [c.value for c in question.choices]
            found += _duplicates([(*loc, "choices", ci) for ci in range(len(values))], values, "choice value")
            for ci, value in enumerate(values):
                if value == DONT_KNOW:
                    found.append(((*loc, "choices", ci, "value"), f"'{DONT_KNOW}' is reserved: the app offers it"))
            if question.max_score == 0:
                found.append(((*loc, "choices"), "at least one choice needs a score above 0"))
        seen_levels = [r.level for r in dim.recommendations]
        for ri, level in enumerate(seen_levels):
            if level not in level_ids:
                found.append((("dimensions", di, "recommendations", ri, "level"), f"unknown level '{level}'"))
        found += _duplicates(
            [("dimensions", di, "recommendations", ri) for ri in range(len(seen_levels))],
            seen_levels,
            "recommendation for level",
        )
        missing = [lvl for lvl in non_top_levels if lvl not in seen_levels]
        if missing:
            found.append((("dimensions", di, "recommendations"), f"no recommendation for level {', '.join(missing)}"))
    for profile in q.profile_ids:
        if not q.applicable_question_ids(profile):
            found.append((("profiles",), f"no question applies to profile '{profile}'"))
    return found + findings_content_problems(q)


def _duplicates(locs: list[tuple], ids: list[str], what: str) -> list[tuple[tuple, str]]:
    seen: set[str] = set()
    found = []
    for loc, ident in zip(locs, ids, strict=True):
        if ident in seen:
            found.append((loc, f"duplicate {what} '{ident}'"))
        seen.add(ident)
    return found


class _Locator:
    """Maps a pydantic-style location to a YAML line and an id-based path."""

    def __init__(self, root: yaml.Node | None, data: Any):
        self.root = root
        self.data = data

    def problem(self, loc: tuple, message: str) -> Problem:
        return Problem(self._readable(loc), message, self._line(loc))

    def _readable(self, loc: tuple) -> str:
        parts: list[str] = []
        value = self.data
        for key in loc:
            if isinstance(key, int) and isinstance(value, list) and 0 <= key < len(value):
                value = value[key]
                ident = value.get("id") or value.get("value") if isinstance(value, dict) else None
                parts[-1:] = [f"{parts[-1]}[{ident if isinstance(ident, str) else key}]"] if parts else [f"[{key}]"]
            elif isinstance(value, dict) and key in value:
                value = value[key]
                parts.append(str(key))
            else:
                parts.append(str(key))
                value = None
        return ".".join(parts)

    def _line(self, loc: tuple) -> int | None:
        node, line = self.root, None
        for key in loc:
            if isinstance(node, yaml.MappingNode):
                match = next((v for k, v in node.value if k.value == key), None)
                key_node = next((k for k, _ in node.value if k.value == key), None)
                if match is None:
                    return node.start_mark.line + 1
                line, node = key_node.start_mark.line + 1, match
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
                node = node.value[key]
                line = node.start_mark.line + 1
            else:
                break
        return line or (node.start_mark.line + 1 if node is not None else None)

    def duplicate_keys(self) -> list[Problem]:
        """PyYAML silently keeps the last of two equal keys; we refuse them."""
        problems: list[Problem] = []

        def walk(node: yaml.Node) -> None:
            if isinstance(node, yaml.MappingNode):
                seen: set[str] = set()
                for key, value in node.value:
                    if key.value in seen:
                        problems.append(Problem("", f"duplicate key '{key.value}'", key.start_mark.line + 1))
                    seen.add(key.value)
                    walk(value)
            elif isinstance(node, yaml.SequenceNode):
                for item in node.value:
                    walk(item)

        if self.root is not None:
            walk(self.root)
        return problems
