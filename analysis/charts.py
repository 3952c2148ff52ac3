"""Charts of the comparison and alignment reports, as PNG files (matplotlib, Agg backend).

Every chart is drawn in DejaVu Sans, which has the Vietnamese letters (ă â đ ê ô ơ ư and the
five tones); long labels are shortened with an ellipsis. Each function takes a table of
:mod:`analysis.compare` or an alignment report and a path, and returns the path written, or
``None`` when there is nothing to draw.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39",
           "#7b4173", "#3182bd"]
STATUS_COLORS = {"taken_up": "#2ca02c", "partly": "#bcbd22", "mentioned": "#ff7f0e",
                 "not_found": "#d62728"}


def _plt() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        f = FONT_DIR / name
        if f.exists():
            font_manager.fontManager.addfont(str(f))
    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9,
                         "axes.titlesize": 11, "axes.titleweight": "bold",
                         "figure.dpi": 110, "savefig.bbox": "tight",
                         "axes.spines.top": False, "axes.spines.right": False})
    return plt


def wrap(text: Any, width: int = 20, lines: int = 2) -> str:
    """``text`` on at most ``lines`` lines of about ``width`` characters."""
    import textwrap

    out = textwrap.wrap(" ".join(str(text).split()), width)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = short(out[-1] + " …", width)
    return "\n".join(out)


def short(text: Any, n: int = 48) -> str:
    """``text`` cut to ``n`` characters with an ellipsis."""
    s = " ".join(str(text).split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def _save(fig: Any, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    import matplotlib.pyplot as plt

    plt.close(fig)
    return path


def documents_chart(df: pd.DataFrame, path: Path, by: list[str]) -> Path | None:
    """Stacked bars: documents per first grouping key, stacked by the second (or level)."""
    if df.empty:
        return None
    plt = _plt()
    x = by[0]
    stack = by[1] if len(by) > 1 else "level"
    if stack not in df:
        stack = "level"
    tab = df.pivot_table(index=x, columns=stack, values="documents", aggfunc="sum", fill_value=0)
    tab = tab.loc[tab.sum(axis=1).sort_values(ascending=False).index]
    fig, ax = plt.subplots(figsize=(max(5.5, 0.9 * len(tab) + 2), 3.8))
    bottom = pd.Series(0, index=tab.index, dtype=float)
    for i, col in enumerate(tab.columns):
        ax.bar([short(v, 22) for v in tab.index], tab[col], bottom=bottom, label=str(col),
               color=PALETTE[i % len(PALETTE)])
        bottom += tab[col]
    for i, v in enumerate(bottom):
        ax.text(i, v + 0.05, f"{int(v)}", ha="center", va="bottom")
    ax.set_ylabel("số văn bản (documents)")
    ax.set_title(f"Văn bản theo {x} và {stack}")
    ax.legend(title=stack, fontsize=8, frameon=False)
    ax.set_ylim(0, max(1.0, float(bottom.max())) * 1.2)
    ax.yaxis.get_major_locator().set_params(integer=True)
    plt.setp(ax.get_xticklabels(), rotation=20, ha="right")
    return _save(fig, path)


def theme_heatmap(matrix: pd.DataFrame, path: Path, labels: dict[str, str],
                  row_label: str = "label", title: str = "Nhiệm vụ theo chủ đề") -> Path | None:
    """Heatmap of a document (or group) x theme matrix of task counts."""
    themes = [t for t in labels if t in matrix.columns]
    if matrix.empty or not themes:
        return None
    plt = _plt()
    data = matrix[themes].fillna(0).astype(float)
    rows = [short(v, 42) for v in matrix[row_label]] if row_label in matrix else [
        str(i) for i in matrix.index]
    fig, ax = plt.subplots(figsize=(max(8.0, 0.72 * len(themes) + 4.0),
                                    max(2.8, 0.42 * len(rows) + 2.2)))
    im = ax.imshow(data.values, cmap="YlGnBu", aspect="auto", vmin=0)
    ax.set_xticks(range(len(themes)), [wrap(labels[t], 18) for t in themes], rotation=60,
                  ha="right", rotation_mode="anchor", fontsize=8)
    ax.set_yticks(range(len(rows)), rows)
    vmax = float(data.values.max()) if data.size else 0.0
    for i in range(data.shape[0]):
        for j in range(data.shape[1]):
            v = data.values[i, j]
            if v:
                ax.text(j, i, f"{int(v)}", ha="center", va="center", fontsize=8,
                        color="white" if v > vmax * 0.6 else "black")
    ax.set_title(title)
    fig.colorbar(im, ax=ax, shrink=0.8, label="số nhiệm vụ (tasks)")
    ax.spines[:].set_visible(False)
    return _save(fig, path)


def sectors_chart(df: pd.DataFrame, path: Path, group: str) -> Path | None:
    """Horizontal stacked bars: tasks led per sector, per group (province)."""
    if df.empty or "sector" not in df:
        return None
    plt = _plt()
    tab = df.pivot_table(index="sector_label", columns=group, values="tasks_lead",
                         aggfunc="sum", fill_value=0)
    tab = tab.loc[tab.sum(axis=1).sort_values().index]
    fig, ax = plt.subplots(figsize=(8, max(2.5, 0.38 * len(tab) + 1.5)))
    left = pd.Series(0, index=tab.index, dtype=float)
    for i, col in enumerate(tab.columns):
        ax.barh([short(v, 40) for v in tab.index], tab[col], left=left,
                label=short(col, 24), color=PALETTE[i % len(PALETTE)])
        left += tab[col]
    ax.set_xlabel("nhiệm vụ chủ trì (tasks led)")
    ax.set_title(f"Đơn vị chủ trì theo ngành và {group}")
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    ax.xaxis.get_major_locator().set_params(integer=True)
    return _save(fig, path)


def deadlines_chart(df: pd.DataFrame, path: Path) -> Path | None:
    """Bars: deadlines per month of the year (all years and yearly dates), stacked by kind."""
    if df.empty:
        return None
    plt = _plt()
    tab = df.pivot_table(index="month_of_year", columns="kind", values="deadlines",
                         aggfunc="sum", fill_value=0).reindex(range(1, 13), fill_value=0)
    fig, ax = plt.subplots(figsize=(7.5, 3.6))
    bottom = pd.Series(0, index=tab.index, dtype=float)
    for i, col in enumerate(tab.columns):
        ax.bar([f"T{m}" for m in tab.index], tab[col], bottom=bottom, label=str(col),
               color=PALETTE[i % len(PALETTE)])
        bottom += tab[col]
    ax.set_ylabel("số thời hạn (deadlines)")
    ax.set_xlabel("tháng trong năm (month)")
    years = sorted({str(m)[:4] for m in df["month"] if str(m)[:4].isdigit()})
    span = f" {years[0]}–{years[-1]}" if len(years) > 1 else (f" {years[0]}" if years else "")
    ax.set_title(f"Thời hạn theo tháng{span}")
    ax.legend(title="kind", fontsize=8, frameon=False)
    ax.yaxis.get_major_locator().set_params(integer=True)
    return _save(fig, path)


def instruments_chart(df: pd.DataFrame, path: Path, top: int = 15) -> Path | None:
    """Horizontal bars: the most-cited instruments, by citing documents."""
    if df.empty:
        return None
    plt = _plt()
    d = df.head(top).iloc[::-1]
    fig, ax = plt.subplots(figsize=(9, max(2.5, 0.36 * len(d) + 1.2)))
    colors = ["#2ca02c" if str(s) == "linked" else "#1f77b4" for s in d["status"]]
    ax.barh([short(v, 70) for v in d["label"]], d["citing_documents"], color=colors)
    for i, (n, m) in enumerate(zip(d["citing_documents"], d["mentions"])):
        ax.text(n + 0.03, i, f"{int(n)} văn bản, {int(m)} lần", va="center", fontsize=8)
    ax.set_xlabel("số văn bản trích dẫn (citing documents)")
    ax.set_title("Văn bản được trích dẫn nhiều nhất (xanh lá: có trong kho)")
    ax.set_xlim(0, float(d["citing_documents"].max()) * 1.45 + 0.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    return _save(fig, path)


def alignment_chart(report: dict, path: Path) -> Path | None:
    """Per theme of the higher document: its tasks, how many the lower takes up, and the
    theme's status (colour)."""
    rows = report.get("themes") or []
    if not rows:
        return None
    plt = _plt()
    rows = rows[::-1]
    names = [wrap(r["label"], 30) for r in rows]
    fig, ax = plt.subplots(figsize=(9, max(2.5, 0.5 * len(rows) + 1.4)))
    ax.barh(names, [r["higher_tasks"] for r in rows], color="#d9d9d9")
    ax.barh(names, [r["higher_taken_up"] for r in rows],
            color=[STATUS_COLORS.get(r["status"], "#7f7f7f") for r in rows], height=0.5)
    for i, r in enumerate(rows):
        note = (f"{r['status'].replace('_', ' ')}  ({r['higher_taken_up']}/{r['higher_tasks']}"
                f"; cấp dưới {r.get('lower_echoing', 0)}/{r['lower_tasks']})")
        ax.text(r["higher_tasks"] + 0.1, i, note, va="center",
                fontsize=8, color=STATUS_COLORS.get(r["status"], "#333333"))
    lo, hi = report["lower"], report["higher"]
    ax.set_title(short(f"{lo.get('number') or lo.get('title')} ↔ "
                       f"{hi.get('number') or hi.get('title')}", 90))
    ax.set_xlabel("số nhiệm vụ (tasks)")
    ax.set_xlim(0, max(r["higher_tasks"] for r in rows) * 1.6 + 2)
    from matplotlib.patches import Patch

    handles = [Patch(color="#d9d9d9", label="nhiệm vụ cấp trên (higher's tasks)")]
    handles += [Patch(color=c, label=f"được triển khai: {k.replace('_', ' ')}")
                for k, c in STATUS_COLORS.items() if k in ("taken_up", "partly")]
    ax.legend(handles=handles, fontsize=8, frameon=False, loc="upper center",
              bbox_to_anchor=(0.5, -0.12), ncol=3)
    ax.xaxis.get_major_locator().set_params(integer=True)
    return _save(fig, path)
