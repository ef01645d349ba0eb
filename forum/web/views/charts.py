"""Server-rendered SVG charts: pure functions of plain numbers (the services compute the series)."""

from __future__ import annotations

from html import escape

PALETTE = ("#b0122b", "#1f6fb2", "#2e8b57", "#d08c00", "#6a4c93", "#555555", "#c05780")


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    """Drawn at its natural size (CSS only shrinks it on narrow screens), titled for screen readers."""
    label = escape(title)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-label="{label}" class="chart"><title>{label}</title>'
            f'{"".join(body)}</svg>')


def _text(x: float, y: float, text: str, anchor: str = "start", size: int = 11, extra: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" {extra}>'
            f"{escape(text)}</text>")


def _shade(share: float) -> str:
    """White (empty) to the accent red (full)."""
    share = min(1.0, max(0.0, share))
    g = int(255 - share * (255 - 18))
    r = int(255 - share * (255 - 176))
    return f"#{r:02x}{g:02x}{int(255 - share * (255 - 43)):02x}"


def heatmap(rows: list[str], cols: list[str], values: list[list[float]], title: str) -> str:
    """A grid of shares in [0, 1]: one row per table or area, one column per slot ('DD/MM HH:MM').

    Days are set apart by a small gap and labelled above; hours are marked below.
    """
    left = 12 + 7 * max((len(r) for r in rows), default=4)
    top, cell_w, cell_h, day_gap = 34, max(8, min(28, 860 // max(1, len(cols)))), 22, 12
    xs, x, day = [], left, ""
    body: list[str] = []
    for col in cols:
        this_day, _, clock = col.partition(" ")
        if this_day != day:
            x += day_gap if day else 0
            body.append(_text(x, top - 8, this_day, size=11, extra='font-weight="600"'))
            day = this_day
        xs.append(x)
        if clock.endswith(":00"):
            body.append(_text(x, top + cell_h * len(rows) + 12, clock[:2], size=9))
        x += cell_w
    width, height = x + 10, top + cell_h * len(rows) + 40
    for i, row in enumerate(rows):
        y = top + i * cell_h
        body.append(_text(left - 6, y + 15, row, "end"))
        for j, share in enumerate(values[i]):
            body.append(f'<rect x="{xs[j]}" y="{y}" width="{cell_w - 1}" height="{cell_h - 1}" '
                        f'fill="{_shade(share)}" stroke="#e4e4e8" stroke-width="0.5"><title>{escape(row)} · '
                        f"{escape(cols[j])}: {share:.0%} busy</title></rect>")
    legend_y = height - 12
    body += [f'<rect x="{left}" y="{legend_y - 9}" width="10" height="10" fill="{_shade(0)}" stroke="#ccc"/>',
             _text(left + 14, legend_y, "free", size=10),
             f'<rect x="{left + 50}" y="{legend_y - 9}" width="10" height="10" fill="{_shade(1)}"/>',
             _text(left + 64, legend_y, "all tables busy", size=10)]
    return _svg(width, height, title, body)


def bars(labels: list[str], series: dict[str, list[int]], title: str, x_title: str) -> str:
    """Stacked bars: one bar per label, one colour per series (e.g. per role), with a legend."""
    left, top, chart_h, bar_w = 40, 30, 160, max(8, min(60, 480 // max(1, len(labels))))
    totals = [sum(s[i] for s in series.values()) for i in range(len(labels))]
    peak = max(totals, default=0) or 1
    width = max(left + bar_w * len(labels) + 20, left + 100 * len(series))
    height = top + chart_h + 40
    body = [_text(left - 6, top + 8, str(peak), "end", 10),
            f'<line x1="{left}" y1="{top + chart_h}" x2="{width - 10}" y2="{top + chart_h}" stroke="#999"/>']
    for k, name in enumerate(series):
        body.append(f'<rect x="{left + k * 100}" y="4" width="10" height="10" fill="{PALETTE[k % len(PALETTE)]}"/>')
        body.append(_text(left + k * 100 + 14, 13, name, size=10))
    for i, label in enumerate(labels):
        y: float = top + chart_h
        for k, (name, values) in enumerate(series.items()):
            h = values[i] / peak * chart_h
            y -= h
            if h > 0:
                body.append(f'<rect x="{left + i * bar_w}" y="{y:.1f}" width="{bar_w - 2}" height="{h:.1f}" '
                            f'fill="{PALETTE[k % len(PALETTE)]}"><title>{escape(name)}, {escape(label)}: '
                            f"{values[i]}</title></rect>")
        if len(labels) <= 25 or i % 5 == 0:
            body.append(_text(left + i * bar_w + bar_w / 2, top + chart_h + 14, label, "middle", 10))
    body.append(_text(left, height - 4, x_title, size=10))
    return _svg(width, height, title, body)


def curve(points: list[tuple[float, float, float | None]], title: str) -> str:
    """The value (solid) and bound (dashed) of a run over elapsed seconds."""
    left, top, w, h = 60, 20, 560, 180
    width, height = left + w + 20, top + h + 30
    body: list[str] = []
    if not points:
        return _svg(width, height, title, [*body, _text(left, top + h / 2, "no progress reported yet")])
    xs = [p[0] for p in points]
    ys = [p[1] for p in points] + [p[2] for p in points if p[2] is not None]
    x0, x1 = 0.0, max(max(xs), 1.0)
    pad = max(1.0, (max(ys) - min(ys)) * 0.08)  # a flat curve sits mid-height, not on the axis
    y0, y1 = min(ys) - pad, max(ys) + pad
    span_x, span_y = x1 - x0, y1 - y0

    def at(x: float, y: float) -> str:
        return f"{left + (x - x0) / span_x * w:.1f},{top + h - (y - y0) / span_y * h:.1f}"

    value = " ".join(at(x, v) for x, v, _ in points)
    bound = " ".join(at(x, b) for x, _, b in points if b is not None)
    body += [f'<line x1="{left}" y1="{top + h}" x2="{left + w}" y2="{top + h}" stroke="#999"/>',
             _text(left - 4, top + 8, f"{y1:.0f}", "end", 10), _text(left - 4, top + h, f"{y0:.0f}", "end", 10),
             _text(left + w, top + h + 14, f"{x1:.0f} s", "end", 10),
             f'<polyline points="{value}" fill="none" stroke="{PALETTE[0]}" stroke-width="2" class="value"/>']
    if bound:
        body.append(f'<polyline points="{bound}" fill="none" stroke="{PALETTE[1]}" stroke-width="1.5" '
                    f'stroke-dasharray="5 3" class="bound"/>')
    body += [_text(left + 10, top + 12, "value", size=10, extra=f'fill="{PALETTE[0]}"'),
             _text(left + 60, top + 12, "bound", size=10, extra=f'fill="{PALETTE[1]}"')]
    return _svg(width, height, title, body)


def paired_shares(labels: list[str], left: list[float], right: list[float], names: tuple[str, str],
                  title: str) -> str:
    """Horizontal bars, two per label (shares in [0, 1]): how two runs serve each role."""
    left_w = 12 + 7 * max((len(x) for x in labels), default=4)
    bar_h, w, top = 12, 360, 24
    height = top + len(labels) * (2 * bar_h + 10) + 6
    body = []
    for k, name in enumerate(names):
        body += [f'<rect x="{left_w + k * 120}" y="4" width="10" height="10" fill="{PALETTE[k + 1]}"/>',
                 _text(left_w + k * 120 + 14, 13, name, size=10)]
    for i, label in enumerate(labels):
        y = top + i * (2 * bar_h + 10)
        body.append(_text(left_w - 6, y + bar_h + 4, label, "end"))
        for k, share in enumerate((left[i], right[i])):
            body.append(f'<rect x="{left_w}" y="{y + k * bar_h}" width="{max(0.0, min(1.0, share)) * w:.1f}" '
                        f'height="{bar_h - 1}" fill="{PALETTE[k + 1]}"><title>{escape(names[k])}, '
                        f"{escape(label)}: {share:.0%}</title></rect>")
            body.append(_text(left_w + share * w + 4, y + k * bar_h + 10, f"{share:.0%}", size=9))
    return _svg(left_w + w + 50, height, title, body)
