"""A readable outline of a questionnaire: sections, items, types, conditions and labels."""

from __future__ import annotations

from barometer.questionnaire.model import Questionnaire


def outline(q: Questionnaire, *, lang: str | None = None) -> str:
    """Plain-text outline of ``q`` in ``lang`` (default: the form's default language)."""
    lang = lang or q.default_language
    n_items = len(q.answerable())
    lines = [
        f"{q.title} (form_id {q.form_id}, version {q.version or '-'})",
        f"languages: {', '.join(q.languages)}; {len(q.groups)} sections, {n_items} questions",
        "",
    ]
    for number, group in enumerate(q.groups, start=1):
        cond = f"  [if {group.relevant}]" if group.relevant else ""
        lines.append(f"{number}. {group.label(lang)} ({group.name}){cond}")
        for item in group.items:
            if not item.answerable:
                continue
            kind = item.type
            if item.choice_list is not None:
                kind += f" {item.choice_list.name}"
            flags = []
            if item.required:
                flags.append("required")
            if item.tags:
                flags.append("tags: " + ",".join(item.tags))
            lines.append(f"   - {item.name}: {kind}" + (f" ({'; '.join(flags)})" if flags else ""))
            lines.append(f"       {item.label(lang)}")
            if item.relevant:
                lines.append(f"       shown if: {item.relevant}")
            if item.constraint:
                lines.append(f"       constraint: {item.constraint}")
            if item.choice_list is not None:
                choices = ", ".join(f"{c.code}={c.label(lang)}" for c in item.choice_list.choices)
                lines.append(f"       choices: {choices}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
