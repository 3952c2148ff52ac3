"""Citation links on corpora built with the real pipeline: by number (same number, year and
locality), by score for a plan that prints no number, not in the corpus; and the graph."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from analysis import links
from analysis.corpus import open_corpus
from tests.conftest import SEEDS

CITING = """ỦY BAN NHÂN DÂN HUYỆN KRÔNG NÔ

Số: {number}/KH-UBND

Krông Nô, ngày 05 tháng 4 năm 2024

KẾ HOẠCH

Hoạt động vì sự tiến bộ của phụ nữ huyện Krông Nô năm 2024

Thực hiện {cited}, Ủy ban nhân dân huyện ban hành Kế hoạch như sau:

I. NHIỆM VỤ

1. Tăng cường phối hợp liên ngành trong công tác vì sự tiến bộ của phụ nữ trên địa bàn huyện.

2. Tổ chức kiểm tra hoạt động vì sự tiến bộ của phụ nữ tại các xã, thị trấn vào tháng 5/2024.
"""

CASES = {
    # same number, year and locality as seed 000: linked by number
    "same": "Chương trình số 178/CTr-BVSTBCPN ngày 20/3/2024 của Ban Vì sự tiến bộ của phụ nữ "
            "tỉnh Đắk Nông về công tác năm 2024",
    # same number, another year: numbers restart every year
    "other_year": "Chương trình số 178/CTr-BVSTBCPN ngày 15/01/2023 của Ban Vì sự tiến bộ của "
                  "phụ nữ tỉnh Đắk Nông về công tác năm 2023",
    # same number and year, another province
    "other_place": "Chương trình số 178/CTr-BVSTBCPN ngày 20/3/2024 của Ban Vì sự tiến bộ của "
                   "phụ nữ tỉnh Gia Lai về công tác năm 2024",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("links")
    c = open_corpus(tmp / "corpus.duckdb")
    c.add([SEEDS])
    files = []
    for i, (name, cited) in enumerate(CASES.items()):
        p = tmp / f"{name}.txt"
        p.write_text(CITING.format(number=40 + i, cited=cited), encoding="utf-8")
        files.append(p)
    c.add(files)
    return c


def _id(c, name):
    docs = c.documents
    return docs.loc[docs["path"].str.contains(name), "doc_id"].iloc[0]


def _links(c, name, number):
    lk = c.links
    return lk[(lk["doc_id"] == _id(c, name)) & (lk["cited_number"] == number)]


def test_unnumbered_plan_is_the_top_candidate_with_evidence(corpus):
    rows = _links(corpus, "000_", "560/KH-UBND").sort_values("rank")
    top = rows.iloc[0]
    assert top["target_doc_id"] == _id(corpus, "004_")
    assert top["status"] == "linked" and top["method"] == "scored"
    assert top["score"] >= links.LINK_MIN
    ev = json.loads(top["evidence"])
    feats = ev["features"]
    assert feats["type"] == 1.0 and feats["locality"] == 1.0
    assert feats["title"] >= links.TITLE_MIN
    assert ev["evidence"]["type"] == {"cited": "plan", "document": "plan"}
    assert "Đắk Nông" in ev["evidence"]["locality"]["document"]
    assert "chiến lược" in ev["evidence"]["title"]["shared"]


def test_other_same_province_plans_do_not_take_the_unnumbered_plan(corpus):
    lk = corpus.links
    target = _id(corpus, "004_")
    linked = lk[(lk["target_doc_id"] == target) & (lk["status"] == "linked")]
    assert set(linked["cited_number"]) == {"560/KH-UBND"}


def test_cited_but_not_in_corpus(corpus):
    rows = _links(corpus, "001_", "58/KH-BVSTBCPN")
    assert list(rows["status"]) == ["not_in_corpus"]
    assert rows["target_doc_id"].isna().all()


def test_linked_by_number_when_number_year_and_place_agree(corpus):
    rows = _links(corpus, "same", "178/CTr-BVSTBCPN")
    top = rows.sort_values("rank").iloc[0]
    assert top["target_doc_id"] == _id(corpus, "000_")
    assert (top["method"], top["status"], top["score"]) == ("number", "linked", 1.0)


@pytest.mark.parametrize("name", ["other_year", "other_place"])
def test_same_number_elsewhere_or_another_year_is_not_linked(corpus, name):
    rows = _links(corpus, name, "178/CTr-BVSTBCPN")
    assert not rows.empty
    hits = rows[rows["target_doc_id"] == _id(corpus, "000_")]
    assert not (hits["status"] == "linked").any()


def test_a_document_citing_its_own_number_is_self():
    cit = {"doc_id": "a", "idx": 0, "number": "02/QĐ-BVSTBCPN", "type": "decision",
           "key": "02/QĐ-BVSTBCPN", "date": "2019-03-25"}
    import pandas as pd

    docs = pd.DataFrame([{"doc_id": "a", "number": "02/QĐ-BVSTBCPN", "doc_type": "decision",
                          "title": "Chương trình công tác", "level": "province"}])
    rows = links.resolve(docs, pd.DataFrame([cit]), {})
    assert rows[0]["status"] == "self"


@pytest.mark.parametrize("doc,excluded", [
    ({"number": "561/KH-UBND"}, True),  # prints another number
    ({"issued_date": "2022-08-16"}, True),  # issued in another year
    ({"issued_date": "2021-08-16"}, False),
    ({}, False),
], ids=["other-number", "other-year", "same-date", "unknown"])
def test_score_candidate_exclusions(doc, excluded):
    from analysis.similarity import TfIdf

    cit = {"number": "560/KH-UBND", "type": "plan", "date": "2021-08-16",
           "instrument_id": "560/KH-UBND@2021@Đắk Nông",
           "subject": "về triển khai Chiến lược quốc gia về bình đẳng giới"}
    base = {"doc_type": "plan", "province": "Đắk Nông", "level": "province",
            "issuer": "Ủy ban nhân dân tỉnh Đắk Nông",
            "title": "Triển khai Chiến lược quốc gia về bình đẳng giới"}
    model = TfIdf.fit([cit["subject"], base["title"]])
    res = links.score_candidate(cit, cit["subject"], {**base, **doc}, model, {})
    assert (res is None) == excluded


def test_graph_nodes_carry_levels_and_export(corpus, tmp_path):
    nodes, edges = corpus.graph_nodes, corpus.graph_edges
    assert set(nodes["kind"]) == {"document", "instrument"}
    docs = nodes[nodes["kind"] == "document"]
    assert docs["level"].notna().all()
    inst = nodes.set_index("node_id")
    assert inst.loc["inst:11-NQ/TW@2007", "level"] == "national"
    src, tgt = f"doc:{_id(corpus, '000_')}", f"doc:{_id(corpus, '004_')}"
    e = edges[(edges["source"] == src) & (edges["target"] == tgt)]
    assert list(e["status"]) == ["linked"]
    g = corpus.export_graph(tmp_path / "g.graphml", "graphml")
    root = ET.parse(g).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(root.findall(".//g:node", ns)) == len(nodes)
    assert len(root.findall(".//g:edge", ns)) == len(edges)
    j = json.loads(corpus.export_graph(tmp_path / "g.json", "json").read_text("utf-8"))
    assert len(j["nodes"]) == len(nodes) and len(j["links"]) == len(edges)


def test_corpus_graph_cli(corpus, tmp_path):
    from typer.testing import CliRunner

    from analysis.cli import app

    out = tmp_path / "g.graphml"
    res = CliRunner().invoke(app, ["corpus", "graph", "--db", str(corpus.path), "--format",
                                   "graphml", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_text("utf-8").startswith("<?xml")
    res = CliRunner().invoke(app, ["corpus", "graph", "--db", str(corpus.path), "--format",
                                   "dot", "--out", str(out)])
    assert res.exit_code == 2
