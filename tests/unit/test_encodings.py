"""Legacy Vietnamese encodings: detection and conversion, with plain Unicode left alone."""

from __future__ import annotations

import pytest

from pipeline.ingest import encodings

UNICODE = ("Ủy ban nhân dân tỉnh Đắk Nông ban hành Kế hoạch thực hiện bình đẳng giới năm 2024, "
           "phối hợp với Sở Lao động - Thương binh và Xã hội")
TCVN3 = ("Uû ban nh©n d©n tØnh §¾k N«ng ban hµnh KÕ ho¹ch thùc hiÖn b×nh ®¼ng giíi n¨m 2024, "
         "phèi hîp víi Së Lao ®éng - Th\u00ad¬ng binh vµ X· héi")
VNI = ("UÛy ban nhaân daân tænh Ñaék Noâng ban haønh Keá hoaïch thöïc hieän bình ñaúng giôùi naêm "
       "2024, phoái hôïp vôùi Sôû Lao ñoäng - Thöông binh vaø Xaõ hoäi")


@pytest.mark.parametrize(
    "text,expected",
    [
        pytest.param(TCVN3, "tcvn3", id="tcvn3"),
        pytest.param(VNI, "vni", id="vni"),
        pytest.param(UNICODE, None, id="unicode-untouched"),
        pytest.param("Uy ban nhan dan tinh Dak Nong", None, id="no-diacritics"),
        pytest.param("The committee shall report every quarter.", None, id="english"),
        pytest.param("", None, id="empty"),
    ],
)
def test_detect(text, expected):
    assert encodings.detect(text) == expected


def test_tcvn3_converts():
    from pipeline.textmap import fold

    # TCVN3 has no capital Ủ: typists wrote "Uû", which converts to the old placement "Uỷ"
    assert fold(encodings.tcvn3_to_unicode(TCVN3)) == fold(UNICODE)


def test_vni_converts():
    assert encodings.vni_to_unicode(VNI) == UNICODE


@pytest.mark.parametrize(
    "font,expected",
    [
        pytest.param(".VnTime", "tcvn3", id="vntime"),
        pytest.param(".VnTimeH", "tcvn3", id="vntimeh"),
        pytest.param("VNI-Times", "vni", id="vni-times"),
        pytest.param("Times New Roman", None, id="unicode-font"),
        pytest.param(None, None, id="no-font"),
    ],
)
def test_font_encoding(font, expected):
    assert encodings.font_encoding(font) == expected


def test_uppercase_font_run():
    assert encodings.convert_run("uû ban nh©n d©n", ".VnTimeH") == ("UỶ BAN NHÂN DÂN", "tcvn3")


def test_text_file_in_tcvn3_bytes(tmp_path):
    from pipeline.run import build

    p = tmp_path / "legacy.txt"
    p.write_bytes(TCVN3.encode("cp1252"))
    doc = build(p)
    assert "nhân dân tỉnh Đắk Nông" in doc.text
    assert any("tcvn3" in w for w in doc.warnings)


def test_windows_1258_decomposed(tmp_path):
    from pipeline.run import build

    p = tmp_path / "cp1258.txt"
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"

    def split_tones(ch: str) -> str:  # Windows-1258 keeps â ê ô ơ ư ă whole, tones apart
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
        return base + "".join(c for c in d if c in tones)

    p.write_bytes("".join(split_tones(c) for c in UNICODE).encode("cp1258"))
    assert build(p).text == UNICODE


@pytest.mark.parametrize(
    "text",
    [pytest.param("hoà", id="one-word"), pytest.param("Khánh Hoà hoà giải thành công", id="short"),
     pytest.param("Tháng hành động vì bình đẳng giới " * 5, id="unicode-prose")],
)
def test_unicode_is_never_converted(text):
    assert encodings.detect(text) is None
