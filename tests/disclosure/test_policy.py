"""The policy as data: defaults, refusals of bad settings, the sentences, and the docs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from barometer.disclosure.policy import SETTINGS, DisclosurePolicy, describe_policy, load_policy
from barometer.errors import DisclosureError

ROOT = Path(__file__).resolve().parents[2]


def test_defaults_come_from_the_settings() -> None:
    policy = load_policy()
    for s in SETTINGS:
        assert getattr(policy, s.name) == s.default
    assert policy == DisclosurePolicy()


@pytest.mark.parametrize(
    "values,setting",
    [({"min_n": 1}, "min_n"), ({"min_n": 0}, "min_n"), ({"cell_min": 4}, "cell_min"),
     ({"min_n": 6, "cell_min": 6, "term_min": 5}, "term_min"), ({"group_min": 3}, "group_min"),
     ({"min_n": "5"}, "min_n"), ({"min_n": True}, "min_n")],
)  # fmt: skip
def test_bad_settings_are_refused_naming_setting_and_value(values: dict, setting: str) -> None:
    with pytest.raises(DisclosureError) as err:
        load_policy(values)
    message = str(err.value)
    assert f"'{setting}'" in message
    assert repr(values[setting]) in message


def test_a_policy_file_is_read_and_its_errors_name_the_file(tmp_path: Path) -> None:
    good = tmp_path / "policy.yaml"
    good.write_text("min_n: 6\ngroup_min: 12\ncell_min: 6\nterm_min: 7\n", encoding="utf-8")
    assert load_policy(good) == DisclosurePolicy(min_n=6, cell_min=6, group_min=12, term_min=7)
    bad = tmp_path / "bad.yaml"
    bad.write_text("min_n: 5\ncell_min: 3\n", encoding="utf-8")
    with pytest.raises(DisclosureError, match=r"bad\.yaml.*at least min_n \(5\)"):
        load_policy(bad)
    typo = tmp_path / "typo.yaml"
    typo.write_text("min-n: 5\n", encoding="utf-8")
    with pytest.raises(DisclosureError, match=r"'min-n'.*unknown setting"):
        load_policy(typo)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_sentences_state_every_threshold(lang: str) -> None:
    policy = DisclosurePolicy(min_n=7, cell_min=8, group_min=13, term_min=9)
    text = " ".join(describe_policy(policy, lang))
    for number in ("7", "8", "13", "9", "6"):  # 6: the differencing gap min_n - 1
        assert re.search(rf"\b{number}\b", text), (number, text)


def test_docs_list_every_setting_with_its_default() -> None:
    doc = (ROOT / "docs" / "disclosure.md").read_text(encoding="utf-8")
    for s in SETTINGS:
        assert re.search(rf"\| `{s.name}` \| {s.default} \|", doc), s.name


@pytest.mark.parametrize(
    "text,setting,value",
    [("min_n: 1\n", "min_n", "1"), ("min_n: 5\ncell_min: 3\n", "cell_min", "3"),
     ("min_n: 6\ngroup_min: 5\ncell_min: 6\nterm_min: 6\n", "group_min", "5")],
)  # fmt: skip
def test_the_commands_refuse_a_bad_policy_file(
    tmp_path: Path, text: str, setting: str, value: str
) -> None:
    from disclosurehelp import run

    (tmp_path / "policy.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "responses.csv").write_text("org_id,sector\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "index.html").write_text("<p>report</p>", encoding="utf-8")
    for args in (("report", "responses.csv", "--out", "new", "--policy", "policy.yaml"),
                 ("disclosure", "check", "out", "--policy", "policy.yaml")):  # fmt: skip
        done = run(*args, cwd=tmp_path)
        assert done.returncode == 1, (args, done.stdout)
        assert "policy.yaml" in done.stderr and f"'{setting}' = {value}" in done.stderr
        assert "at least" in done.stderr
    assert not (tmp_path / "new").exists()  # nothing written
