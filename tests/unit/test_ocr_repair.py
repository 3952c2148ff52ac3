"""Repairs of what OCR misreads in headings: roman labels at a line's start, and a roman heading
repeated on a scan."""

from __future__ import annotations

import pytest

from pipeline.ingest.ocr import Word
from pipeline.ingest.pdf import _repair_roman


def _line(*texts: str) -> list[Word]:
    return [Word(t, 10.0 * i, 0.0, 10.0 * i + 8, 10.0, 90.0, (1, 1, 1)) for i, t in enumerate(texts)]


@pytest.mark.parametrize(
    "first,second,expected",
    [
        pytest.param("HI.", "KINH", "III.", id="HI-is-III"),
        pytest.param("H.", "NỘI", "II.", id="H-is-II"),
        pytest.param("II", "NỘI", "II.", id="lost-dot"),
        pytest.param("Vl.", "TỔ", "VI.", id="Vl-is-VI"),
        pytest.param("II.", "NỘI", "II.", id="right-already"),
        pytest.param("HI.", "kinh", "HI.", id="not-before-capitals"),
        pytest.param("Hà", "NỘI", "Hà", id="a-word"),
    ],
)
def test_roman_label_repair(first, second, expected):
    assert _repair_roman(_line(first, second, "DUNG"))[0].text == expected


def test_repeated_roman_heading_on_a_scan_is_the_next(tmp_path):
    from dataclasses import replace

    from extractors import sections
    from pipeline.run import build

    p = tmp_path / "scan.txt"
    p.write_text("I. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\nNâng cao nhận thức.\n\n"
                 "I. NHIỆM VỤ CỤ THỂ\n\n1. Tuyên truyền\n\nTổ chức tuyên truyền.\n", encoding="utf-8")
    doc = build(p)
    printed = [s.path for s in sections.extract(doc) if s.level == 1]
    scanned = [s.path for s in sections.extract(replace(doc, source=replace(doc.source, ocr=True)))
               if s.level == 1]
    assert printed == ["I", "I"]  # as printed: a text document keeps its own numbering
    assert scanned == ["I", "II"]
