"""Read an XLSForm into the :mod:`barometer.questionnaire.model`.

The form is checked twice: by pyxform (so ODK and KoboToolbox accept it too) and by our own
rules (supported types and expressions, numeric choice codes, labels in every language).
All problems are collected and raised together as a :class:`QuestionnaireError`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from barometer.errors import ErrorCode, Problem, QuestionnaireError
from barometer.questionnaire import logic
from barometer.questionnaire import parameters as params
from barometer.questionnaire.model import Choice, ChoiceList, Group, Item, Questionnaire

SUPPORTED = {"select_one", "select_multiple", "text", "integer", "decimal", "note"}
GROUP_TYPES = {"begin_group", "begin group", "end_group", "end group"}
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_LANG = re.compile(r"\(([A-Za-z]{2,3}(?:-[A-Za-z]+)?)\)\s*$")
TAG_COLUMN = "item_tag"


@dataclass(frozen=True)
class LoadResult:
    """A questionnaire and the non-fatal warnings found while reading it."""

    questionnaire: Questionnaire
    warnings: list[str] = field(default_factory=list)


def _lang_code(header_lang: str) -> str:
    m = _LANG.search(header_lang)
    return m.group(1).lower() if m else header_lang.strip().lower()


def _read_sheet(wb: Any, name: str, file: str, problems: list[Problem]) -> list[dict[str, Any]]:
    if name not in wb.sheetnames:
        problems.append(Problem.make(ErrorCode.XLSFORM_MISSING_SHEET, file=file, sheet=name))
        return []
    rows = list(wb[name].iter_rows(values_only=True))
    if not rows:
        return []
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    out = []
    for n, values in enumerate(rows[1:], start=2):
        rec = {h: v for h, v in zip(header, values, strict=False) if h and v is not None}
        rec = {k: (v.strip() if isinstance(v, str) else v) for k, v in rec.items()}
        if any(v != "" for v in rec.values()):
            rec["__row__"] = n
            out.append(rec)
    return out


def _translations(rec: dict[str, Any], column: str, default_lang: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in rec.items():
        if key == column:
            out[default_lang] = str(value)
        elif key.startswith(column + "::"):
            out[_lang_code(key.split("::", 1)[1])] = str(value)
    return out


def _pyxform_problems(path: Path, file: str) -> tuple[list[Problem], list[str]]:
    from pyxform import xls2xform
    from pyxform.errors import PyXFormError

    warnings: list[str] = []
    try:
        xls2xform.convert(str(path), warnings=warnings)
    except PyXFormError as exc:
        return [Problem.make(ErrorCode.XLSFORM_PYXFORM, file=file, detail=str(exc))], warnings
    except Exception as exc:  # pyxform raises plain errors on some malformed sheets
        return [Problem.make(ErrorCode.XLSFORM_PYXFORM, file=file, detail=repr(exc))], warnings
    return [], warnings


def read(
    path: str | Path,
    *,
    use_pyxform: bool = True,
    parameters: Mapping[str, str] | None = None,
    leave_out: Collection[str] = (),
) -> LoadResult:
    """Read and check the XLSForm at ``path``.

    ``parameters`` fill the ``{name}`` placeholders of the labels (declared ones not given
    keep the fielded value of the parameters sheet); items tagged with a tag in
    ``leave_out`` are left out (and a section left empty with them).
    Raises :class:`QuestionnaireError` listing every problem found.
    """
    path = Path(path)
    file = path.name
    problems: list[Problem] = []
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise QuestionnaireError(
            [Problem.make(ErrorCode.XLSFORM_UNREADABLE, file=file, detail=str(exc))], str(path)
        ) from None
    survey = _read_sheet(wb, "survey", file, problems)
    choice_rows = _read_sheet(wb, "choices", file, problems)
    settings_rows = _read_sheet(wb, "settings", file, problems)
    declared = _parameters(wb, file, problems) if "parameters" in wb.sheetnames else ()
    wb.close()
    _check_placeholders(survey, choice_rows, declared, file, problems)
    warnings: list[str] = []
    if use_pyxform and not problems:
        pyx_problems, warnings = _pyxform_problems(path, file)
        problems.extend(pyx_problems)
    settings = settings_rows[0] if settings_rows else {}
    default_header = str(settings.get("default_language") or "default")
    default_lang = _lang_code(default_header)

    languages = [default_lang]
    for rec in survey:
        for key in rec:
            if key.startswith("label::"):
                code = _lang_code(key.split("::", 1)[1])
                if code not in languages:
                    languages.append(code)

    lists = _choice_lists(choice_rows, file, default_lang, problems)
    groups = _groups(survey, lists, file, default_lang, languages, problems)
    _check_expressions(groups, file, problems)
    if problems:
        raise QuestionnaireError(problems, str(path))
    values = {p.name: p.value for p in declared}
    values.update({k: str(v) for k, v in (parameters or {}).items()})
    groups = _apply(groups, values, set(leave_out))
    q = Questionnaire(
        form_id=str(settings.get("form_id") or path.stem),
        title=str(settings.get("form_title") or path.stem),
        version=str(settings.get("version") or ""),
        languages=tuple(languages),
        groups=tuple(groups),
        choice_lists=lists,
        source=str(path),
        parameters=declared,
        values=values,
        left_out=tuple(sorted(leave_out)),
    )
    return LoadResult(q, warnings)


def _parameters(wb: Any, file: str, problems: list[Problem]) -> tuple[params.Parameter, ...]:
    out = []
    for rec in _read_sheet(wb, "parameters", file, problems):
        name = str(rec.get("name", ""))
        if not _NAME.match(name):
            problems.append(
                Problem.make(
                    ErrorCode.XLSFORM_BAD_NAME,
                    file=file,
                    row=rec["__row__"],
                    column="name",
                    value=name,
                )
            )
            continue
        back = rec.get("years_before_closing")
        out.append(
            params.Parameter(
                name,
                str(rec.get("value", "")),
                int(back) if back not in (None, "") else None,
                str(rec.get("description", "")),
            )
        )
    return tuple(out)


def _check_placeholders(
    survey: list[dict[str, Any]],
    choices: list[dict[str, Any]],
    declared: tuple[params.Parameter, ...],
    file: str,
    problems: list[Problem],
) -> None:
    known = {p.name for p in declared}
    for rec in (*survey, *choices):
        for column, value in rec.items():
            if not isinstance(value, str) or not column.startswith(_TEXT_COLUMNS):
                continue
            for name in params.placeholders(value):
                if name not in known:
                    problems.append(
                        Problem.make(
                            ErrorCode.XLSFORM_UNKNOWN_PARAMETER,
                            file=file,
                            row=rec["__row__"],
                            column=column,
                            value=name,
                        )
                    )


_TEXT_COLUMNS = ("label", "hint", "required_message", "constraint_message")


def _texts(mapping: Mapping[str, str], values: Mapping[str, str]) -> dict[str, str]:
    return {k: params.substitute(v, values) for k, v in mapping.items()}


def _apply(groups: list[Group], values: Mapping[str, str], leave_out: set[str]) -> list[Group]:
    """The groups with the parameters in their texts, without the left-out items."""
    out = []
    for group in groups:
        items = tuple(
            replace(
                item,
                labels=_texts(item.labels, values),
                hints=_texts(item.hints, values),
                required_messages=_texts(item.required_messages, values),
                constraint_messages=_texts(item.constraint_messages, values),
            )
            for item in group.items
            if not leave_out & set(item.tags)
        )
        if items or not group.items:
            out.append(replace(group, labels=_texts(group.labels, values), items=items))
    return out


def _choice_lists(
    rows: list[dict[str, Any]], file: str, lang: str, problems: list[Problem]
) -> dict[str, ChoiceList]:
    by_list: dict[str, list[Choice]] = {}
    for rec in rows:
        list_name = str(rec.get("list_name") or rec.get("list name") or "")
        name = str(rec.get("name", ""))
        row = rec["__row__"]
        raw_code = rec.get("code")
        try:
            code = int(raw_code) if raw_code is not None and float(raw_code).is_integer() else None
        except (TypeError, ValueError):
            code = None
        choices = by_list.setdefault(list_name, [])
        if code is None:
            problems.append(
                Problem.make(
                    ErrorCode.XLSFORM_BAD_CODE, file=file, row=row, column="code", value=raw_code
                )
            )
            continue
        if any(c.code == code for c in choices):
            problems.append(
                Problem.make(
                    ErrorCode.XLSFORM_DUPLICATE_CODE,
                    file=file,
                    row=row,
                    column="code",
                    value=code,
                    detail=list_name,
                )
            )
        if any(c.name == name for c in choices):
            problems.append(
                Problem.make(
                    ErrorCode.XLSFORM_DUPLICATE_NAME, file=file, row=row, column="name", value=name
                )
            )
        choices.append(Choice(name, code, _translations(rec, "label", lang)))
    return {k: ChoiceList(k, tuple(v)) for k, v in by_list.items()}


def _groups(
    survey: list[dict[str, Any]],
    lists: dict[str, ChoiceList],
    file: str,
    lang: str,
    languages: list[str],
    problems: list[Problem],
) -> list[Group]:
    groups: list[Group] = []
    stack: list[dict[str, Any]] = []  # open groups, outermost first
    page_items: list[Item] = []
    page: dict[str, Any] | None = None
    seen: set[str] = set()

    def close_page() -> None:
        nonlocal page, page_items
        if page is not None or page_items:
            info = page or {"name": f"page{len(groups) + 1}", "labels": {}, "relevant": None}
            groups.append(
                Group(
                    info["name"],
                    info["labels"],
                    info["relevant"],
                    info.get("appearance"),
                    tuple(page_items),
                )
            )
        page, page_items = None, []

    for rec in survey:
        row = rec["__row__"]
        raw_type = str(rec.get("type", "")).strip()
        name = str(rec.get("name", ""))
        kind = raw_type.split()[0] if raw_type else ""
        if raw_type in GROUP_TYPES:
            if raw_type.startswith("begin"):
                info = {
                    "name": name,
                    "labels": _translations(rec, "label", lang),
                    "relevant": rec.get("relevant"),
                    "appearance": rec.get("appearance"),
                    "row": row,
                }
                if not stack:
                    close_page()
                    page = info
                stack.append(info)
            elif not stack:
                problems.append(
                    Problem.make(
                        ErrorCode.XLSFORM_UNBALANCED_GROUP,
                        file=file,
                        row=row,
                        column="type",
                        value=name,
                    )
                )
            else:
                stack.pop()
                if not stack:
                    close_page()
            continue
        if not raw_type:
            continue
        if kind not in SUPPORTED:
            problems.append(
                Problem.make(
                    ErrorCode.XLSFORM_UNKNOWN_TYPE,
                    file=file,
                    row=row,
                    column="type",
                    value=raw_type,
                )
            )
            continue
        if not _NAME.match(name):
            problems.append(
                Problem.make(
                    ErrorCode.XLSFORM_BAD_NAME, file=file, row=row, column="name", value=name
                )
            )
            continue
        if name in seen:
            problems.append(
                Problem.make(
                    ErrorCode.XLSFORM_DUPLICATE_NAME, file=file, row=row, column="name", value=name
                )
            )
        seen.add(name)
        choice_list = None
        if kind in ("select_one", "select_multiple"):
            parts = raw_type.split()
            list_name = parts[1] if len(parts) > 1 else ""
            choice_list = lists.get(list_name)
            if choice_list is None:
                problems.append(
                    Problem.make(
                        ErrorCode.XLSFORM_UNKNOWN_LIST,
                        file=file,
                        row=row,
                        column="type",
                        value=list_name,
                    )
                )
                continue
        labels = _translations(rec, "label", lang)
        for code in languages:
            if kind != "note" and not labels.get(code):
                problems.append(
                    Problem.make(
                        ErrorCode.XLSFORM_MISSING_LABEL,
                        file=file,
                        row=row,
                        column="label",
                        value=name,
                        language=code,
                    )
                )
        tags = tuple(str(rec.get(TAG_COLUMN, "")).replace(",", " ").split())
        page_items.append(
            Item(
                name=name,
                type=kind,
                group=(page or {"name": f"page{len(groups) + 1}"})["name"],
                row=row,
                labels=labels,
                hints=_translations(rec, "hint", lang),
                choice_list=choice_list,
                required=str(rec.get("required", "")).lower() in ("yes", "true", "true()", "1"),
                required_messages=_translations(rec, "required_message", lang),
                relevant=rec.get("relevant") or None,
                group_relevant=tuple(g["relevant"] for g in stack if g.get("relevant")),
                constraint=rec.get("constraint") or None,
                constraint_messages=_translations(rec, "constraint_message", lang),
                appearance=rec.get("appearance"),
                tags=tags,
            )
        )
    if stack:
        problems.append(
            Problem.make(
                ErrorCode.XLSFORM_UNBALANCED_GROUP,
                file=file,
                row=stack[-1]["row"],
                column="type",
                value=stack[-1]["name"],
            )
        )
    close_page()
    return groups


def _check_expressions(groups: list[Group], file: str, problems: list[Problem]) -> None:
    known: set[str] = set()
    checked_groups: set[str] = set()
    for group in groups:
        for item in group.items:
            exprs = [("relevant", item.relevant), ("constraint", item.constraint)]
            if group.name not in checked_groups:
                exprs += [("relevant", c) for c in item.group_relevant]
            for column, text in exprs:
                if not text:
                    continue
                try:
                    refs = logic.references(logic.parse(text))
                except logic.LogicError as exc:
                    problems.append(
                        Problem.make(
                            ErrorCode.XLSFORM_BAD_EXPRESSION,
                            file=file,
                            row=item.row,
                            column=column,
                            value=text,
                            detail=f"{exc} in '{text}'",
                        )
                    )
                    continue
                for ref in sorted(
                    refs - known - ({item.name} if column == "constraint" else set())
                ):
                    problems.append(
                        Problem.make(
                            ErrorCode.XLSFORM_UNKNOWN_REFERENCE,
                            file=file,
                            row=item.row,
                            column=column,
                            value=ref,
                        )
                    )
            known.add(item.name)
        checked_groups.add(group.name)


def load(
    path: str | Path,
    *,
    parameters: Mapping[str, str] | None = None,
    leave_out: Collection[str] = (),
) -> Questionnaire:
    """Read the XLSForm at ``path`` (see :func:`read`)."""
    return read(path, parameters=parameters, leave_out=leave_out).questionnaire


def default_path() -> Path:
    return Path(str(resources.files("barometer") / "data" / "questionnaire.xlsx"))


@lru_cache(maxsize=1)
def default() -> Questionnaire:
    """The questionnaire shipped with barometer (the 2021 wave's, in Dutch and English),
    with the parameter values it was fielded with."""
    return load(default_path())


@lru_cache(maxsize=64)
def for_wave(values: tuple[tuple[str, str], ...], leave_out: tuple[str, ...]) -> Questionnaire:
    """The shipped questionnaire as a wave asks it: its parameter values and left-out tags."""
    return load(default_path(), parameters=dict(values), leave_out=leave_out)
