"""The theme codebook (models/codebooks/themes.yaml): every entry's examples are labelled with it
and no counterexample is; its rule tables likewise; and the themes of a real corpus's rows."""

from __future__ import annotations

import pytest

from analysis import themes
from tests.conftest import SEEDS

REQUIRED = {"coordination", "leadership", "communication", "training", "gbv", "action_month",
            "inspection", "statistics_reporting", "mainstreaming", "funding", "international",
            "ethnic_minority", "economic", "health", "education", "regular_work"}

EXAMPLES = [pytest.param(t.id, ex, id=f"{t.id}:{i}")
            for t in themes.themes() for i, ex in enumerate(t.examples)]
COUNTEREXAMPLES = [pytest.param(t.id, cx, id=f"{t.id}:{i}")
                   for t in themes.themes() for i, cx in enumerate(t.counterexamples)]
RULE_TABLES = ("masks", "levels", "addressees", "sectors", "reporting")
RULES = [pytest.param(name, r, id=f"{name}:{r.id}")
         for name in RULE_TABLES for r in themes.rules(name)]


def test_codebook_has_every_theme_of_the_issue():
    assert set(themes.theme_ids()) == REQUIRED


def test_theme_ids_are_unique():
    ids = themes.theme_ids()
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("theme", themes.themes(), ids=lambda t: t.id)
def test_every_theme_is_documented(theme):
    assert theme.label and theme.definition and theme.matchers
    assert len(theme.examples) >= 2
    assert theme.counterexamples


@pytest.mark.parametrize("theme_id,text", EXAMPLES)
def test_examples_are_labelled(theme_id, text):
    assert theme_id in [h.theme for h in themes.label(text)]


@pytest.mark.parametrize("theme_id,text", COUNTEREXAMPLES)
def test_counterexamples_are_not_labelled(theme_id, text):
    hits = {h.theme: h.evidence for h in themes.label(text)}
    assert theme_id not in hits, f"matched {hits.get(theme_id)}"


@pytest.mark.parametrize("name,rule", RULES)
def test_rule_tables(name, rule):
    assert rule.examples, f"{name}:{rule.id} has no examples"
    assert [ex for ex in rule.examples if not rule.regex.search(ex)] == []
    assert [cx for cx in rule.counterexamples if rule.regex.search(cx)] == []


@pytest.mark.parametrize("issuer,number,level", [
    ("Chủ tịch UBND tỉnh", None, "province"),
    ("Ban Vì sự tiến bộ của phụ nữ huyện Hà Trung", None, "district"),
    ("UBND Thị trấn Hà Trung", None, "commune"),
    ("Ủy ban nhân dân huyện Hà Trung, tỉnh Thanh Hóa", None, "district"),
    ("Thủ tướng Chính phủ", "2282/QĐ-TTg", "national"),
    (None, "11-NQ/TW", "national"),
    (None, "28-KH/TU", "province"),
    (None, "560/KH-UBND", None),
], ids=lambda v: str(v))
def test_issuer_level(issuer, number, level):
    assert themes.issuer_level(issuer, number) == level


@pytest.mark.parametrize("unit,sector", [
    ("Sở Lao động - Thương binh và Xã hội", "labour_social"),
    ("Sở LĐ-TB&XH", "labour_social"),
    ("Ban VSTBCPN tỉnh", "committee"),
    ("Ủy ban nhân dân các huyện, thành phố", "local_government"),
    ("Công an tỉnh", "police_defence"),
    ("Hội Liên hiệp Phụ nữ tỉnh", "mass_organisations"),
], ids=lambda v: str(v))
def test_sector(unit, sector):
    assert themes.sector(unit) == sector


def test_masks_blank_unit_names_keeping_length():
    text = "kiểm tra các đơn vị: Sở Y tế, Sở Giáo dục và Đào tạo"
    out = themes.masked(text)
    assert len(out) == len(themes.masked(text))
    assert "Y tế" not in out and "kiểm tra" in out


def test_label_rows_inherit_heading_themes():
    rows = [{"doc_id": "d", "idx": 0, "text": "Tham dự các cuộc họp thường niên.",
             "headings": '["Các hoạt động hợp tác quốc tế"]'}]
    out = themes.label_rows("task", rows, heading_key="headings")
    assert [(r["theme"], r["via"]) for r in out] == [("international", "heading")]


@pytest.fixture(scope="module")
def seed_corpus(tmp_path_factory):
    from analysis.corpus import open_corpus

    c = open_corpus(tmp_path_factory.mktemp("themes") / "c.duckdb")
    c.add([SEEDS / "000_3dff8da8b37ccaa0.txt", SEEDS / "003_3bb2bdd22fe39909.txt"])
    return c


def _doc(c, name):
    docs = c.documents
    return docs.loc[docs["path"].str.contains(name), "doc_id"].iloc[0]


def test_table_rows_are_labelled(seed_corpus):
    c = seed_corpus
    th, tasks = c.themes, c.tasks
    assert set(th["unit"]) >= {"section", "task"}
    assert set(th["theme"]) <= set(themes.theme_ids())
    national = _doc(c, "003_")
    nat = tasks[tasks["doc_id"] == national]
    intl = th[(th["doc_id"] == national) & (th["unit"] == "task")
              & (th["theme"] == "international")]
    texts = set(nat.loc[nat["idx"].isin(intl["idx"]), "text"])
    assert any("Liên hợp quốc" in t for t in texts)
    assert any("song phương" in t for t in texts)
    regular = th[(th["doc_id"] == national) & (th["theme"] == "regular_work")
                 & (th["unit"] == "task")]
    assert len(regular) >= 3


def test_sections_get_themes_from_their_own_text(seed_corpus):
    c = seed_corpus
    prov = _doc(c, "000_")
    secs = c.sections
    th = c.themes
    inspect = secs[(secs["doc_id"] == prov) & secs["title"].str.contains("kiểm tra")]
    assert not inspect.empty
    labelled = th[(th["doc_id"] == prov) & (th["unit"] == "section")
                  & th["idx"].isin(inspect["idx"])]
    assert "inspection" in set(labelled["theme"])
