"""Static figures of the record for reports: ``plot(record, kind, out, actor=None) -> Path``.

``timeline``: events on a time axis, one lane per PLOVER type, colour by type,
planned events hollow, marker area by corroboration. ``network``: actors as nodes,
shared events as edges (width by count). SVG or PNG by the file suffix (matplotlib, Agg).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

from parley import web
from parley.records import Record

KINDS = ("timeline", "network")
SUFFIXES = (".svg", ".png", ".pdf")


def palette() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((web.WEB_DIR / "static" / "palette.json").read_text("utf-8"))
    return data


def type_colour(kind: str, pal: dict[str, Any]) -> str:
    if kind in pal["types"]:
        return str(pal["types"][kind])
    return str(pal["extra"][sum(map(ord, kind)) % len(pal["extra"])])


def plot(record: Record, kind: str, out: Path, actor: str | None = None) -> Path:
    """Draw ``kind`` for the (optionally actor-filtered) events of ``record`` into ``out``."""
    if kind not in KINDS:
        raise ValueError(f"unknown plot {kind!r}; known: {', '.join(KINDS)}")
    if out.suffix.lower() not in SUFFIXES:
        raise ValueError(f"output must end in {', '.join(SUFFIXES)}: {out}")
    import matplotlib

    matplotlib.use("Agg")
    events = web.filter_events(record, web.EventFilter(actor=actor))
    fig = _timeline(record, events) if kind == "timeline" else _network(record, events)
    fig.savefig(out, bbox_inches="tight", dpi=150)
    import matplotlib.pyplot as plt

    plt.close(fig)
    return out


def _timeline(record: Record, events: list[Any]) -> Any:
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    data = web.timeline(record, events)
    pal = palette()
    lanes = data["types"]
    fig, ax = plt.subplots(figsize=(10, 1.2 + 0.55 * max(len(lanes), 1)))
    for item in data["items"]:
        y = lanes.index(item["type"])
        start, end = (float(mdates.date2num(dt.date.fromisoformat(item[k]))) for k in ("start", "end"))
        colour = type_colour(item["type"], pal)
        if end > start:
            ax.plot([start, end], [y, y], color=colour, alpha=0.35, linewidth=4, solid_capstyle="round")
        planned = item["modality"] == "planned"
        ax.scatter([start], [y], s=60 * item["corroboration"], edgecolors=colour, linewidths=1.8,
                   facecolors="white" if planned else colour, zorder=3)
    ax.set_yticks(range(len(lanes)), lanes)
    ax.set_ylim(-0.8, max(len(lanes), 1) - 0.2)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    fig.autofmt_xdate()
    ax.grid(axis="x", alpha=0.3)
    title = f"{len(data['items'])} dated events"
    if data["undated"]:
        title += f" ({data['undated']} undated not shown)"
    ax.set_title(title + " · hollow: planned · size: corroboration", fontsize=10)
    if not data["items"]:
        ax.text(0.5, 0.5, "no dated events", transform=ax.transAxes, ha="center")
    return fig


def spring_layout(nodes: list[str], edges: list[tuple[str, str]], iterations: int = 200) -> dict[str, tuple[float, float]]:
    """A deterministic force-directed layout in the unit square (Fruchterman-Reingold)."""
    n = len(nodes)
    pos = {v: [math.cos(2 * math.pi * i / max(n, 1)), math.sin(2 * math.pi * i / max(n, 1))] for i, v in enumerate(nodes)}
    k = 1.0 / math.sqrt(max(n, 1))
    for it in range(iterations):
        temp = 0.1 * (1 - it / iterations) + 0.005
        disp = {v: [0.0, 0.0] for v in nodes}
        for i, a in enumerate(nodes):
            for b in nodes[i + 1:]:
                dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                d = max(math.hypot(dx, dy), 1e-3)
                f = k * k / d
                disp[a][0] += dx / d * f
                disp[a][1] += dy / d * f
                disp[b][0] -= dx / d * f
                disp[b][1] -= dy / d * f
        for a, b in edges:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            d = max(math.hypot(dx, dy), 1e-3)
            f = d * d / k
            disp[a][0] -= dx / d * f
            disp[a][1] -= dy / d * f
            disp[b][0] += dx / d * f
            disp[b][1] += dy / d * f
        for v in nodes:
            dx, dy = disp[v][0] - 0.05 * pos[v][0], disp[v][1] - 0.05 * pos[v][1]
            d = max(math.hypot(dx, dy), 1e-9)
            pos[v][0] += dx / d * min(d, temp)
            pos[v][1] += dy / d * min(d, temp)
    return {v: (p[0], p[1]) for v, p in pos.items()}


def _network(record: Record, events: list[Any]) -> Any:
    import matplotlib.pyplot as plt

    data = web.network(record, events)
    pal = palette()["actor_types"]
    nodes = [nd["id"] for nd in data["nodes"]]
    pos = spring_layout(nodes, [(e["source"], e["target"]) for e in data["edges"]])
    fig, ax = plt.subplots(figsize=(8, 6))
    for e in data["edges"]:
        (x1, y1), (x2, y2) = pos[e["source"]], pos[e["target"]]
        ax.plot([x1, x2], [y1, y2], color="#9fb0c2", linewidth=1 + math.sqrt(e["count"]), zorder=1)
    for nd in data["nodes"]:
        x, y = pos[nd["id"]]
        ax.scatter([x], [y], s=120 + 60 * nd["events"], color=pal.get(nd["type"] or "other", pal["other"]),
                   edgecolors="white", zorder=2)
        ax.annotate(nd["name"], (x, y), xytext=(7, 4), textcoords="offset points", fontsize=9)
    ax.set_axis_off()
    ax.margins(0.2)
    ax.set_title(f"{len(nodes)} actors, {len(data['edges'])} links (colour: actor type)", fontsize=10)
    if not nodes:
        ax.text(0.5, 0.5, "no events with actors", transform=ax.transAxes, ha="center")
    return fig
