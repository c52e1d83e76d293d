"""Small helpers for driving the survey through Django's test client."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

# Answers that complete the shipped questionnaire, per page. ``innovated`` takes the long
# path through the innovation pages; ``not_innovated`` skips them.
AGREE = "agree"
CLIMATE = {
    name: AGREE
    for name in [
        "e01_collab_other",
        "e02_apply_elsewhere",
        "e03_ideas_valued",
        "e04_citizen_perspective",
        "e05_learn_mistakes",
        "e06_time",
        "e07_management_support",
        "e08_experiment",
        "e09_evaluate",
        "e10_employees_involved",
        "e11_vision",
        "e12_resources",
        "e13_share_knowledge",
        "e14_werk_safety",
        "e15_werk_improve",
    ]
}
FACTORS = {
    f"d13_factor_{k}": "promoting"
    for k in [
        "employees",
        "skills",
        "management",
        "political",
        "collab_internal",
        "collab_private",
        "collab_public",
        "citizens",
        "volunteers",
        "research",
        "umbrella",
        "stimulators",
        "technology",
        "finance",
        "legislation",
        "continuity",
        "mistakes",
    ]
}
RECENT = {
    "d1_description": "A chatbot for permit questions.",
    "d2_type_product": "no",
    "d2_type_service": "yes",
    "d2_type_process": "yes",
    "d2_type_interaction": "dont_know",
    "d3_origin": "adapted",
    "d4_tech_share": "important",
    "d5_tech_new": "new_way",
    "d6_initiative": ["employees", "technology"],
    "d7_channels": ["visits"],
    "d8_collab": ["private"],
    "d9_collab_phases": ["development"],
    "d10_dissemination": "no",
    "d11_financing": ["own_budget"],
    "d12_strategy": "together",
}
NOT_INNOVATED: dict[str, dict[str, Any]] = {
    "organisation": {"a1_size": "100_249"},
    "covid": {
        "b1_production": "less",
        "b2_homework_share": "p75_100",
        "b3_homework_facilities": "improved",
    },
    "innovation": {"c1_innovated": "no"},
    "climate": CLIMATE,
    "closing": {"f2_feedback_report": "yes"},
}
INNOVATED: dict[str, dict[str, Any]] = {
    "organisation": NOT_INNOVATED["organisation"],
    "covid": NOT_INNOVATED["covid"],
    "innovation": {"c1_innovated": "yes", "c2_count": "n2_4"},
    "recent": RECENT,
    "factors": {**FACTORS, "d14_results": ["quality"]},
    "climate": CLIMATE,
    "closing": {"f1_interview": "no", "f2_feedback_report": "yes"},
}

_VERSION = re.compile(r'name="version" value="(\d+)"')


def version_of(html: str) -> int:
    match = _VERSION.search(html)
    assert match, "no version field on the page"
    return int(match.group(1))


def save(
    client: Any,
    link: str,
    page: str,
    answers: dict[str, Any],
    version: int | None = None,
    action: str = "next",
) -> Any:
    """GET the page (for its version unless given) and POST ``answers`` to it."""
    url = f"{link}page/{page}/"
    if version is None:
        got = client.get(url)
        assert got.status_code == 200, (url, got.status_code)
        version = version_of(got.content.decode())
    return client.post(url, {**answers, "version": version, "action": action})


def complete(client: Any, link: str, pages: dict[str, dict[str, Any]]) -> None:
    for page, answers in pages.items():
        response = save(client, link, page, answers)
        assert response.status_code == 303, (page, response.status_code, response.content[:2000])


FRAME_HEADER = "org_id,name,sector,cluster,size_class,contact_name,contact_email,language"
FRAME_ROWS = [
    "G1,Gemeente Aadorp,gemeenten,gemeenten_onderdelen,lt100,An Jansen,an@aadorp.example,nl",
    "G2,Gemeente Bedum,gemeenten,gemeenten_onderdelen,100_249,Bo de Vries,bo@bedum.example,nl",
    "G3,Gemeente Callantsoog,gemeenten,cultuur,,Cor Bakker,bounce@callantsoog.example,nl",
    "Z1,Zbo Een,zbo,zbo,500plus,Dana Smit,dana@zbo-een.example,en",
    "Z2,Zbo Twee,zbo,zbo,250_499,,info@zbo-twee.example,en",
    "W1,Waterschap Drie,waterschappen,watermanagement,250_499,Eva Mol,eva@drie.example,nl",
]


def write_frame(path: Path, rows: list[str] | None = None) -> Path:
    path.write_text("\n".join([FRAME_HEADER, *(rows or FRAME_ROWS)]) + "\n", encoding="utf-8")
    return path


def issue(org_id: str = "G1", wave_name: str = "w1") -> str:
    """A new personal link's path for ``org_id``."""
    from barometer.web.mailing import issue_link
    from barometer.web.models import Organisation

    org = Organisation.objects.get(wave__name=wave_name, org_id=org_id)
    return issue_link(org, "link", "http://testserver")[0].removeprefix("http://testserver")
