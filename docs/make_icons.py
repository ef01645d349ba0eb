"""Draws the installed app's icons (a white agenda page on the festival red) as PNGs with the standard library.

Run from the repository root: `python docs/make_icons.py` writes forum/web/static/icons/icon-192.png and
icon-512.png. The drawing keeps to the middle 60 %, so launchers that crop icons to a circle keep all of it.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

RED, INK, WHITE = (0xB0, 0x12, 0x2B), (0x1B, 0x1B, 0x1F), (0xFF, 0xFF, 0xFF)
OUT = Path(__file__).resolve().parent.parent / "forum" / "web" / "static" / "icons"


def colour_at(x: float, y: float) -> tuple[int, int, int]:
    """The icon's colour at (x, y), both in 0..1: the page, its dark top band, six red meeting squares."""
    left, right, top, bottom, radius = 0.24, 0.76, 0.26, 0.76, 0.04
    inside_x, inside_y = left <= x <= right, top <= y <= bottom
    corner_x = min(max(x, left + radius), right - radius)
    corner_y = min(max(y, top + radius), bottom - radius)
    if not (inside_x and inside_y) or (x - corner_x) ** 2 + (y - corner_y) ** 2 > radius ** 2:
        return RED
    if y < 0.37:
        return INK
    for row in range(2):
        for column in range(3):
            x0, y0 = 0.30 + column * 0.15, 0.45 + row * 0.15
            if x0 <= x <= x0 + 0.10 and y0 <= y <= y0 + 0.10:
                return RED
    return WHITE


def png(size: int) -> bytes:
    rows = b"".join(
        b"\0" + b"".join(bytes(colour_at((i + 0.5) / size, (j + 0.5) / size)) for i in range(size))
        for j in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        (OUT / f"icon-{size}.png").write_bytes(png(size))
