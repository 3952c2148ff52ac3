"""What marks the layout tables of an official document (Nghị định 30/2020/NĐ-CP Phụ lục I):
the header block (issuing body | Quốc hiệu; "Số: …" | place and date) and the signature block
(Nơi nhận | TM./KT. authority, name). Every reader uses these to tell a layout table, read
column by column as paragraphs, from a real table kept as a table.
"""

from __future__ import annotations

import regex

# "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc" (old tone placement too)
QUOC_HIEU = regex.compile(r"C[ỘO]NG\s+H[ÒO][AÀ]\s+X[ÃA]\s+H[ỘO]I|Độc\s+lập\s*[-–—]\s*Tự\s+do",
                          regex.I)
# "Số: 178/KH-UBND", "Số:   /QĐ-UBND"
SO_LINE = regex.compile(r"^\s*Số\s*:", regex.M)
# "Đắk Nông, ngày 20 tháng 3 năm 2024"
DATE_LINE = regex.compile(r",\s*ngày\b[^\n]{0,20}\btháng\b[^\n]{0,10}\bnăm\b", regex.I)
# "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "Q. GIÁM ĐỐC", "TL./TUQ.", "(Đã ký)"
SIGNATURE = regex.compile(r"^\s*(?:Nơi\s+nhận|(?:TM|KT|Q|TL|TUQ)\.\s|\(Đã\s+ký\))",
                          regex.M | regex.I)
# a header row of a real table: "STT", "TT", "NỘI DUNG", "CHỦ TRÌ"
REAL_TABLE_HEAD = regex.compile(r"^\s*(?:STT|TT|Nội\s+dung|Chủ\s+trì|Phối\s+hợp)\s*$",
                                regex.I | regex.M)


def layout_kind(text: str) -> str | None:
    """``"header"``, ``"signature"`` or ``None`` for the text of a small table.

    >>> layout_kind("ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG\\nSố: 12/KH-UBND\\n"
    ...             "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    'header'
    """
    if REAL_TABLE_HEAD.search(text):
        return None
    if QUOC_HIEU.search(text) or SO_LINE.search(text) or DATE_LINE.search(text):
        return "header"
    if SIGNATURE.search(text):
        return "signature"
    return None
