"""HTML and Markdown pages of the comparison and alignment reports.

Pages are self-contained: charts are embedded as ``data:`` URIs (the PNG files are written
beside them too), tables are plain HTML, the text is UTF-8 with ``<meta charset>``.
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:24px auto;max-width:1180px;color:#222;
     font-size:14px;line-height:1.45}
h1{font-size:22px;margin-bottom:4px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid
#ccc;padding-bottom:3px}h3{font-size:15px}
table{border-collapse:collapse;margin:8px 0 16px;font-size:12.5px}
th,td{border:1px solid #d0d0d0;padding:3px 7px;vertical-align:top;text-align:left}
th{background:#eef3f8}td.num{text-align:right;font-variant-numeric:tabular-nums}
img{max-width:100%;border:1px solid #e5e5e5;margin:6px 0}
.muted{color:#666}.grid{display:grid;grid-template-columns:1fr 1fr;gap:14px}
.tag{display:inline-block;padding:1px 7px;border-radius:9px;font-size:12px;color:#fff}
.taken_up{background:#2ca02c}.partly{background:#a8a81c}.mentioned{background:#ff7f0e}
.not_found{background:#d62728}.wide{overflow-x:auto;max-width:100%}.yes{color:#2ca02c;font-weight:bold}.no{color:#d62728;
font-weight:bold}.small{font-size:12px}
"""


def esc(v: Any) -> str:
    """HTML-escaped text of a value (empty for null)."""
    try:
        if v is None or (not isinstance(v, (list, dict, str)) and pd.isna(v)):
            return ""
    except (TypeError, ValueError):
        pass
    return html.escape(str(v))


DATE_COLUMNS = ("issued_date", "date", "cited_date", "month")


def vn_date(v: Any) -> str:
    """An ISO date as Vietnamese write it: ``2024-06-15`` -> ``15/06/2024``, ``2024-04`` ->
    ``04/2024``, ``--12-15`` -> ``15/12 hằng năm``, ``--12`` -> ``tháng 12 hằng năm``; anything
    else unchanged."""
    s = esc(v)
    parts = s.split("-")
    if len(s) == 10 and len(parts) == 3 and parts[0].isdigit():
        return f"{parts[2]}/{parts[1]}/{parts[0]}"
    if len(s) == 7 and len(parts) == 2 and parts[0].isdigit():
        return f"{parts[1]}/{parts[0]}"
    if s.startswith("--") and len(s) == 7:
        return f"{s[5:7]}/{s[2:4]} hằng năm"
    if s.startswith("--") and len(s) == 4:
        return f"tháng {s[2:4]} hằng năm"
    return s


def embed(path: Path | None, alt: str) -> str:
    """An ``<img>`` with the PNG inline (and its file name as title)."""
    if not path or not Path(path).exists():
        return ""
    data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    return (f'<img src="data:image/png;base64,{data}" alt="{esc(alt)}" '
            f'title="{esc(Path(path).name)}">')


def table(df: pd.DataFrame, limit: int = 40, columns: Iterable[str] | None = None) -> str:
    """A DataFrame as an HTML table (first ``limit`` rows)."""
    if df is None or df.empty:
        return '<p class="muted">(không có dữ liệu / no data)</p>'
    cols = [c for c in (columns or df.columns) if c in df.columns]
    head = "".join(f"<th>{esc(c)}</th>" for c in cols)
    body = []
    for _, r in df.head(limit).iterrows():
        cells = []
        for c in cols:
            v = r[c]
            num = isinstance(v, (int, float)) and not isinstance(v, bool)
            shown = vn_date(v) if c in DATE_COLUMNS else esc(v)
            cells.append(f'<td class="num">{shown}</td>' if num else f"<td>{shown}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    more = (f'<p class="muted small">{len(df) - limit} more rows in the CSV / Excel files.</p>'
            if len(df) > limit else "")
    return (f'<div class="wide"><table><tr>{head}</tr>{"".join(body)}</table></div>{more}')


def page(title: str, body: str) -> str:
    """A complete HTML page."""
    stamp = datetime.now().strftime("%d/%m/%Y %H:%M")
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
            f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"
            f"<h1>{esc(title)}</h1><p class=\"muted small\">vnplan · {stamp}</p>"
            f"{body}</body></html>")


def comparison_page(tables: dict[str, pd.DataFrame], figs: dict[str, Path | None], out: Path,
                    by: list[str], level: str | None = None, title: str | None = None) -> Path:
    """``out/index.html``: the comparison's charts and tables together."""
    from analysis.themes import theme_labels

    labels = theme_labels()
    docs = tables.get("documents", pd.DataFrame())
    n_docs = int(docs["documents"].sum()) if not docs.empty else 0
    mat = tables.get("theme_matrix", pd.DataFrame())
    n_tasks = int(mat["tasks"].sum()) if not mat.empty else 0
    title = title or f"So sánh kế hoạch bình đẳng giới theo {', '.join(by)}"
    parts = [f"<p>{n_docs} văn bản (documents, each counted once across formats), "
             f"{n_tasks} nhiệm vụ (task units); grouped by <b>{esc(', '.join(by))}</b>"
             + (f", level <b>{esc(level)}</b>" if level else "") + ".</p>"]
    parts.append("<h2>Văn bản theo nhóm (documents per group)</h2>")
    parts.append(embed(figs.get("documents"), "documents per group"))
    parts.append(table(tables.get("documents_wide", pd.DataFrame())))
    parts.append(table(docs))
    parts.append("<h2>Chủ đề của nhiệm vụ (themes of tasks)</h2>")
    parts.append(embed(figs.get("themes"), "document x theme"))
    parts.append(embed(figs.get("theme_groups"), "group x theme"))
    if not mat.empty:
        cols = ["label", "tasks", *[t for t in labels if t in mat and mat[t].sum() > 0]]
        parts.append(table(mat[cols]))
        parts.append('<p class="small muted">' + "; ".join(
            f"<b>{esc(t)}</b>: {esc(labels[t])}" for t in cols[2:]) + "</p>")
    parts.append("<h2>Đơn vị và ngành chủ trì (units and sectors carrying tasks)</h2>")
    parts.append(embed(figs.get("sectors"), "sectors"))
    parts.append(table(tables.get("units", pd.DataFrame()), limit=25))
    parts.append("<h2>Thời hạn theo tháng (deadlines by month)</h2>")
    parts.append(embed(figs.get("deadlines"), "deadlines"))
    parts.append(table(tables.get("deadlines_by_month", pd.DataFrame())))
    parts.append("<h2>Văn bản được trích dẫn nhiều nhất (most-cited instruments)</h2>")
    parts.append(embed(figs.get("instruments"), "instruments"))
    parts.append(table(tables.get("top_instruments", pd.DataFrame()), limit=25,
                       columns=["label", "type", "citing_documents", "mentions", "provinces",
                                "levels", "status", "document"]))
    parts.append("<h2>Files</h2><p class=\"small\">compare.xlsx (every table, one sheet each); "
                 + ", ".join(f"{esc(k)}.csv" for k in tables) + "; the same as .parquet; "
                 "charts as .png.</p>")
    path = out / "index.html"
    path.write_text(page(title, "".join(parts)), encoding="utf-8")
    return path


def _doc_line(d: dict) -> str:
    bits = [esc(d.get("doc_type")), esc(d.get("number") or "(không số)"), esc(d.get("issuer")),
            vn_date(d.get("issued_date")) if d.get("issued_date") else "",
            esc(d.get("level")), esc(d.get("province"))]
    return " · ".join(b for b in bits if b)


def alignment_page(rep: dict, out: Path, stem: str) -> list[Path]:
    """``STEM.html``, ``STEM.md`` and ``STEM.png`` of one alignment report."""
    from analysis import charts

    png = charts.alignment_chart(rep, out / f"{stem}.png")
    lo, hi, s = rep["lower"], rep["higher"], rep["summary"]
    cit = rep["citation"]
    parts = [(f"<p><b>Cấp dưới (lower):</b> {esc(lo.get('title'))}<br>"
             f"<span class=\"small muted\">{_doc_line(lo)} · {esc(lo.get('path'))}</span></p>"),
             (f"<p><b>Cấp trên (higher):</b> {esc(hi.get('title'))}<br>"
             f"<span class=\"small muted\">{_doc_line(hi)} · {esc(hi.get('path'))}</span></p>")]
    if cit["cites"]:
        chain = " → ".join(esc(c["key"]) for c in cit["chain"])
        how = "directly" if cit["direct"] else "through a chain"
        parts.append(f'<p class="yes">The lower cites the higher ({how}: {chain}).</p>')
    else:
        parts.append('<p class="no">The lower does not cite the higher (no chain of links).</p>')
    if cit["common_citations"]:
        parts.append("<p class=\"small\">Both cite: " + "; ".join(
            esc(k) for k in cit["common_citations"]) + "</p>")
    parts.append("<h2>Chủ đề (themes of the higher)</h2>")
    parts.append(f"<p>Taken up: <b>{esc(', '.join(s['themes_taken_up']) or '—')}</b>; partly: "
                 f"{esc(', '.join(s['themes_partly']) or '—')}; <span class=\"no\">not taken "
                 f"up: {esc(', '.join(s['themes_not_taken_up']) or '—')}</span></p>")
    parts.append(embed(png, "themes"))
    parts.append('<p class="small muted">A theme is <i>taken up</i> when at least half of the '
                 "higher's tasks on it, or half of the lower's, are in a pair of tasks of that "
                 f"theme at least {rep['settings']['task_match']:.2f} alike (word-segmented "
                 "TF-IDF cosine); <i>partly</i> with fewer pairs; <i>mentioned</i> when the "
                 "lower has tasks on the theme but none corresponds; <i>not found</i> when it "
                 "has none.</p>")
    rows = []
    for t in rep["themes"]:
        ex = t["examples"][0] if t["examples"] else None
        pair = (f"{esc(ex['higher'][:160])}<br>↔ <i>{esc(ex['lower'][:160])}</i> "
                f"({ex['score']:.2f})" if ex else "")
        rows.append(f"<tr><td>{esc(t['label'])}</td><td><span class=\"tag {t['status']}\">"
                    f"{esc(t['status'])}</span></td><td class=\"num\">{t['higher_tasks']}</td>"
                    f"<td class=\"num\">{t['higher_taken_up']}</td>"
                    f"<td class=\"num\">{t['lower_tasks']}</td>"
                    f"<td class=\"num\">{t['lower_echoing']}</td>"
                    f"<td class=\"num\">{t['similarity']:.2f}</td><td class=\"small\">{pair}"
                    "</td></tr>")
    parts.append("<table><tr><th>theme</th><th>status</th><th>higher tasks</th>"
                 "<th>taken up</th><th>lower tasks</th><th>lower tasks echoing</th>"
                 "<th>theme cosine</th>"
                 f"<th>best pair</th></tr>{''.join(rows)}</table>")
    parts.append(f"<h2>Nhiệm vụ (tasks of the higher: {s['tasks_taken_up']} of "
                 f"{s['higher_tasks']} have a close task in the lower)</h2>")
    rows = []
    for t in rep["tasks"]:
        m = t["matches"][0] if t["matches"] else None
        mark = '<span class="yes">✓</span>' if t["found"] else '<span class="no">✗</span>'
        score = "" if not m else f"{m['score']:.2f}"
        closest = "" if not m else esc(m["text"][:200])
        rows.append(f"<tr><td>{esc(t['section'])}</td><td class=\"small\">{esc(t['text'][:260])}"
                    f"</td><td class=\"small\">{esc(', '.join(t['themes']))}</td><td>{mark}</td>"
                    f"<td class=\"num\">{score}</td><td class=\"small\">{closest}</td></tr>")
    parts.append("<table><tr><th>§</th><th>higher task</th><th>themes</th><th>found</th>"
                 f"<th>cosine</th><th>closest lower task</th></tr>{''.join(rows)}</table>")
    parts.append("<h2>Thời hạn báo cáo (reporting deadlines)</h2>")
    dl = rep["deadlines"]
    if dl["checks"]:
        rows = []
        for c in dl["checks"]:
            h = c["higher"] or {}
            ok = c["consistent"]
            mark = ("" if ok is None else '<span class="yes">✓</span>' if ok
                    else '<span class="no">✗</span>')
            rows.append(f"<tr><td>{esc(c['lower']['text'])}</td>"
                        f"<td>{vn_date(c['lower']['date'])}</td>"
                        f"<td>{esc(c['lower']['period'])}</td><td>{esc(h.get('text'))}</td>"
                        f"<td>{vn_date(h.get('date'))}</td><td>{mark} {esc(c['note'])}</td></tr>")
        parts.append("<table><tr><th>lower</th><th>date</th><th>period</th><th>higher</th>"
                     f"<th>date</th><th>check</th></tr>{''.join(rows)}</table>")
    else:
        parts.append(f"<p class=\"muted\">No reporting deadline to check (lower: "
                     f"{len(dl['lower_deadlines'])}, higher: {len(dl['higher_deadlines'])}).</p>")
    parts.append("<h2>Nhiệm vụ giao cho cấp dưới (tasks the higher gives the lower level)</h2>")
    if rep["addressed"]:
        rows = []
        for a in rep["addressed"]:
            m = a["closest"] or {}
            mark = '<span class="yes">✓</span>' if a["taken_up"] else '<span class="no">✗</span>'
            rows.append(f"<tr><td class=\"small\">{esc(a['text'][:260])}</td><td class=\"small\">"
                        f"{esc(a['addressee']['matched'])} ({esc(a['addressee']['role'])})</td>"
                        f"<td>{mark}</td><td class=\"small\">{esc((m.get('text') or '')[:200])}"
                        f" ({m.get('score', 0):.2f})</td></tr>")
        parts.append("<table><tr><th>higher task</th><th>addressed as</th><th>taken up</th>"
                     f"<th>closest lower task</th></tr>{''.join(rows)}</table>")
    else:
        parts.append('<p class="muted">None of the higher\'s tasks names the lower level.</p>')
    title = f"Đối chiếu / alignment: {lo.get('number') or lo.get('doc_id')} ↔ " \
            f"{hi.get('number') or hi.get('doc_id')}"
    html_path = out / f"{stem}.html"
    html_path.write_text(page(title, "".join(parts)), encoding="utf-8")
    md_path = out / f"{stem}.md"
    md_path.write_text(alignment_markdown(rep), encoding="utf-8")
    return [p for p in (html_path, md_path, png) if p]


def alignment_markdown(rep: dict) -> str:
    """The alignment report as Markdown."""
    lo, hi, s = rep["lower"], rep["higher"], rep["summary"]
    cit = rep["citation"]
    out = [(f"# Alignment: {lo.get('number') or lo['doc_id']} vs "
           f"{hi.get('number') or hi['doc_id']}"), "",
           (f"- lower: {lo.get('title')} ({lo.get('level')}, {lo.get('province') or '—'}, "
           f"{lo.get('path')})"),
           (f"- higher: {hi.get('title')} ({hi.get('level')}, {hi.get('province') or '—'}, "
           f"{hi.get('path')})"),
           f"- cites the higher: {'yes' if cit['cites'] else 'no'}"
           + (f" ({' -> '.join(c['key'] for c in cit['chain'])})" if cit["cites"] else ""),
           f"- themes taken up: {', '.join(s['themes_taken_up']) or '—'}",
           f"- themes partly taken up: {', '.join(s['themes_partly']) or '—'}",
           f"- themes not taken up: {', '.join(s['themes_not_taken_up']) or '—'}",
           (f"- tasks of the higher with a close task in the lower: {s['tasks_taken_up']} of "
           f"{s['higher_tasks']}"),
           f"- reporting deadlines consistent: {s['deadlines_consistent']}", "",
           "## Themes", "", "| theme | status | higher tasks | taken up | lower tasks | cosine |",
           "|---|---|---:|---:|---:|---:|"]
    for t in rep["themes"]:
        out.append(f"| {t['label']} | {t['status']} | {t['higher_tasks']} | "
                   f"{t['higher_taken_up']} | {t['lower_tasks']} | {t['similarity']:.2f} |")
    out += ["", "## Tasks of the higher", "", "| § | task | found | cosine | closest lower task |",
            "|---|---|---|---:|---|"]
    for t in rep["tasks"]:
        m = t["matches"][0] if t["matches"] else None

        def cell(x: str, n: int) -> str:
            return " ".join(x.split())[:n].replace("|", "/")

        out.append(f"| {t['section'] or ''} | {cell(t['text'], 140)} | "
                   f"{'yes' if t['found'] else 'no'} | {m['score'] if m else ''} | "
                   f"{cell(m['text'], 120) if m else ''} |")
    out += ["", "## Reporting deadlines", ""]
    for c in rep["deadlines"]["checks"]:
        h = c["higher"] or {}
        out.append(f"- {c['lower']['text']} ({c['lower']['date']}) -> {h.get('text') or '—'} "
                   f"({h.get('date') or '—'}): {c['note']}")
    if not rep["deadlines"]["checks"]:
        out.append("- none to check")
    out += ["", "## Tasks addressed to the lower level", ""]
    for a in rep["addressed"]:
        out.append(f"- [{'x' if a['taken_up'] else ' '}] {a['text'][:200]} "
                   f"(as \"{a['addressee']['matched']}\")")
    if not rep["addressed"]:
        out.append("- none")
    return "\n".join(out) + "\n"


def alignment_index(items: list[tuple[str, dict]], out: Path) -> Path:
    """``index.html`` listing several alignment reports."""
    rows = []
    for stem, r in items:
        s = r["summary"]
        lo_name = r["lower"].get("number") or r["lower"]["doc_id"]
        hi_name = r["higher"].get("number") or r["higher"]["doc_id"]
        rows.append(f"<tr><td><a href=\"{esc(stem)}.html\">{esc(lo_name)}</a><br><span "
                    f"class=\"small muted\">{esc(r['lower'].get('title'))}</span></td><td>"
                    f"{esc(hi_name)}<br><span class=\"small muted\">"
                    f"{esc(r['higher'].get('title'))}</span></td>"
                    f"<td>{esc(r.get('why', ''))}</td>"
                    f"<td>{'yes' if s['cites_higher'] else 'no'}</td>"
                    f"<td class=\"num\">{s['tasks_taken_up']}/{s['higher_tasks']}</td>"
                    f"<td class=\"small\">{esc(', '.join(s['themes_not_taken_up']))}</td></tr>")
    body = ("<table><tr><th>lower</th><th>higher</th><th>why paired</th><th>cites</th>"
            "<th>tasks taken up</th><th>themes not taken up</th></tr>" + "".join(rows)
            + "</table>")
    path = out / "index.html"
    path.write_text(page("Đối chiếu kế hoạch / alignment reports", body), encoding="utf-8")
    return path


def dumps(obj: Any) -> str:
    """JSON with Vietnamese kept readable."""
    return json.dumps(obj, ensure_ascii=False, indent=1, default=str)
