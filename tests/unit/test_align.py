"""Alignment reports on the seeds, built with the real pipeline: the Đắk Nông programme 2024
(seed 000) against the national programme 2024 (seed 003) and against the plan it cites
(seed 004)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from analysis import align
from analysis.cli import app
from analysis.corpus import open_corpus
from tests.conftest import SEEDS

PROVINCE = SEEDS / "000_3dff8da8b37ccaa0.txt"
NATIONAL = SEEDS / "003_3bb2bdd22fe39909.txt"
PLAN = SEEDS / "004_f377dc84d525bbbe.txt"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    c = open_corpus(tmp_path_factory.mktemp("align") / "corpus.duckdb")
    c.add([SEEDS])
    return c


@pytest.fixture(scope="module")
def national(corpus):
    return align.align(corpus, corpus.resolve(str(PROVINCE)), corpus.resolve(str(NATIONAL)))


def _status(rep):
    return {t["theme"]: t["status"] for t in rep["themes"]}


def test_national_themes_the_province_does_not_take_up(national):
    s = national["summary"]
    assert "international" in s["themes_not_taken_up"]
    assert "regular_work" in s["themes_not_taken_up"]
    assert _status(national)["international"] == "not_found"


def test_national_themes_the_province_takes_up(national):
    s = national["summary"]
    assert "coordination" in s["themes_taken_up"]
    assert "inspection" in s["themes_taken_up"]


def test_taken_up_themes_show_their_task_pairs(national):
    row = next(t for t in national["themes"] if t["theme"] == "inspection")
    assert row["examples"], row
    pair = row["examples"][0]
    assert pair["score"] >= align.TASK_MATCH
    assert "kiểm tra" in pair["higher"].lower() and "kiểm tra" in pair["lower"].lower()


def test_every_higher_task_has_its_closest_lower_tasks(national):
    tasks = national["tasks"]
    assert len(tasks) == national["summary"]["higher_tasks"] > 0
    for t in tasks:
        assert 1 <= len(t["matches"]) <= align.TOP
        scores = [m["score"] for m in t["matches"]]
        assert scores == sorted(scores, reverse=True)
        assert t["found"] == (scores[0] >= align.TASK_MATCH)
    assert set(national["not_found"]) == {t["higher_idx"] for t in tasks if not t["found"]}


def test_the_province_does_not_cite_the_national_programme(national):
    assert national["citation"]["cites"] is False
    assert national["citation"]["chain"] == []


def test_tasks_the_national_programme_gives_localities(national):
    addressed = national["addressed"]
    assert addressed
    assert all(a["addressee"]["level"] in ("province", "below") for a in addressed)
    assert any("bộ, ngành, địa phương" in a["addressee"]["matched"] for a in addressed)


def test_citation_chain_and_deadlines_against_the_cited_plan(corpus):
    rep = align.align(corpus, corpus.resolve(str(PROVINCE)), corpus.resolve(str(PLAN)))
    cit = rep["citation"]
    assert cit["cites"] and cit["direct"]
    assert cit["chain"][0]["key"] == "560/KH-UBND"
    checks = rep["deadlines"]["checks"]
    yearly = [c for c in checks if c["lower"]["period"] == "year"]
    assert yearly, checks
    # the province's yearly report is due on 15/12/2024, the day the plan's own is due
    assert yearly[0]["higher"]["date"] == "2024-12-15"
    assert yearly[0]["consistent"] is False
    assert rep["summary"]["deadlines_consistent"] is False


def test_auto_pairs(corpus):
    pairs = {(lo, hi): why for lo, hi, why in align.auto_pairs(corpus)}
    prov, nat, plan = (corpus.resolve(str(p)) for p in (PROVINCE, NATIONAL, PLAN))
    assert "560/KH-UBND" in pairs[(prov, plan)]
    assert "national" in pairs[(prov, nat)]


def test_align_cli_writes_json_html_markdown(corpus, tmp_path):
    out = tmp_path / "al"
    res = CliRunner().invoke(app, ["align", str(PROVINCE), "--against", str(NATIONAL),
                                   "--db", str(corpus.path), "--out", str(out)])
    assert res.exit_code == 0, res.output
    data = json.loads((out / "align.json").read_text("utf-8"))
    assert "international" in data["summary"]["themes_not_taken_up"]
    html = next(out.glob("*.html")).read_text("utf-8")
    assert "Hợp tác quốc tế" in html or "International cooperation" in html
    assert "data:image/png;base64," in html
    assert next(out.glob("*.md")).read_text("utf-8").startswith("# Alignment")


def test_align_cli_without_store_and_auto(corpus, tmp_path):
    out = tmp_path / "files"
    res = CliRunner().invoke(app, ["align", str(PROVINCE), "--against", str(NATIONAL),
                                   "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert (out / "align.json").exists()
    auto = tmp_path / "auto"
    res = CliRunner().invoke(app, ["align", "--db", str(corpus.path), "--auto", "--out",
                                   str(auto)])
    assert res.exit_code == 0, res.output
    reports = json.loads((auto / "align.json").read_text("utf-8"))
    assert len(reports) >= 2 and (auto / "index.html").exists()
    res = CliRunner().invoke(app, ["align", "--out", str(auto)])
    assert res.exit_code == 2
