"""Invariants over generated and real input: spans point at their text, normalizing is
idempotent and blind to NFC/NFD, CRLF and extra blank lines, and no input raises."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.run import Failure, build, process

from ..conftest import RENDERED, SEEDS

WORDS = ["Kế hoạch", "Ủy ban nhân dân", "Uỷ ban", "tỉnh", "hoà", "Sở", "Lao động – Thương binh",
         "trước ngày 15/6/2024", "Quyết định số 12/QĐ-UBND", "I.", "1.", "a)", "-", "**", "#",
         "Số:", "ngày", "tháng", "năm", "2024", "các", "đơn vị", ";", ".", ":", "40", "|", "\t",
         "CỘNG HÒA", "Nơi nhận:", "KT. CHỦ TỊCH", "Điều 1.", "PHỤ LỤC", "*nh*", "“", "”"]
LINE = st.lists(st.sampled_from(WORDS), min_size=0, max_size=12).map(" ".join)
TEXT = st.lists(LINE, min_size=1, max_size=25).map("\n".join)
FAST = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def _build(tmp_path: Path, text: str, name: str = "doc.txt"):
    p = tmp_path / name
    p.write_bytes(text.encode("utf-8"))
    res = process(p)
    return res.document if not isinstance(res, Failure) else None


def _text(tmp_path: Path, text: str, name: str = "doc.txt") -> str:
    doc = _build(tmp_path, text, name)
    return doc.text if doc is not None else ""


@FAST
@given(TEXT)
def test_normalizing_twice_changes_nothing(tmp_path, text):
    once = _text(tmp_path, text)
    assert _text(tmp_path, once, "again.txt") == once


@FAST
@given(TEXT)
def test_nfd_crlf_and_blank_lines_change_nothing(tmp_path, text):
    base = _text(tmp_path, text)
    assert _text(tmp_path, unicodedata.normalize("NFD", text), "nfd.txt") == base
    assert _text(tmp_path, text.replace("\n", "\r\n"), "crlf.txt") == base
    assert _text(tmp_path, text.replace("\n", "\n\n\n"), "blank.txt") == \
        _text(tmp_path, text.replace("\n", "\n\n"), "blank1.txt")


@FAST
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".md", ".pdf", ".docx", ".doc"]))
def test_random_bytes_never_raise(tmp_path, data, suffix):
    p = tmp_path / f"random{suffix}"
    p.write_bytes(data)
    res = process(p)
    assert isinstance(res, Failure) or res.record["doc_id"]


@FAST
@given(st.text(max_size=2000))
def test_random_unicode_never_raises(tmp_path, text):
    p = tmp_path / "u.txt"
    p.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    res = process(p)
    assert isinstance(res, Failure) or res.record["doc_id"]


def _corpus() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt"))
    if RENDERED.exists():
        files += sorted(RENDERED.glob("*.docx")) + sorted(RENDERED.glob("*.pdf"))
    return files


@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.name)
def test_spans_point_at_their_text(path):
    doc = build(path)
    text = doc.text
    assert len(doc.folded) == len(text)
    for b in doc.blocks:
        assert text[b.start:b.end] == b.text
    for s in doc.sections:
        assert s.span == (s.start, s.end) and 0 <= s.start < s.end <= len(text)
        assert s.label.rstrip(".)") in text[s.start:s.end][:80] or s.label in ("PL",)
    for c in doc.citations:
        assert text[c.span[0]:c.span[1]] == c.text
    for d in doc.deadlines:
        assert text[d.span[0]:d.span[1]] == d.text
    for a in doc.assignments:
        s, e = a.span
        assert 0 <= s < e <= len(text)
    for _field, (s, e) in (doc.metadata.spans if doc.metadata else ()):
        assert 0 <= s <= e <= len(text)


_SPACEY = st.text(alphabet=st.sampled_from(list("ab Đế\t\n\u00a0\u200b\u0301")),
                  max_size=60)


def _char_by_char(text: str, offs: list[int]) -> tuple[str, list[int]]:
    """What collapsing does, character by character: the reference for the run-length form."""
    out: list[str] = []
    kept: list[int] = []
    for ch, off in zip(text, offs, strict=True):
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                kept.append(off)
            elif out:
                kept[-1] = off  # a run of spaces made one keeps its last character's offset
        else:
            out.append(ch)
            kept.append(off)
    if out and out[-1] == " ":
        out.pop()
        kept.pop()
    return "".join(out), kept


@FAST
@given(_SPACEY, st.lists(st.integers(0, 3), max_size=8))
def test_collapsing_carries_the_map(text, jumps):
    """The run-length collapse gives the map the per-character one gives, in maximal runs, for
    source maps with jumps in them (markup removed, lines joined)."""
    from pipeline.textmap import collapse, compress, offsets

    offs, src = [], 0
    for k in range(len(text)):
        src += 1 + (jumps[k % len(jumps)] if jumps and k % 5 == 4 else 0)
        offs.append(src)
    out, segs = collapse(text, compress(offs))
    if unicodedata.is_normalized("NFC", text) and "\u200b" not in text:
        want, kept = _char_by_char(text, offs)
        assert (out, segs) == (want, compress(kept))
    assert all(s + (p2 - p) != s2 for (p, s), (p2, s2) in zip(segs, segs[1:], strict=False))
    assert len(offsets(segs, len(out))) == len(out)
