#!/usr/bin/env python3
"""Draws the Teams app icons in config/teams/: color.png (192x192, white flame on the
accent colour) and outline.png (32x32, the same flame in white on transparent), as Teams
requires. Standard library only; run it again after changing the drawing:
    python3 scripts/teams-icons.py
"""
import os
import struct
import zlib

ACCENT = (0xC2, 0x41, 0x0C)  # the manifest's accentColor
SAMPLES = 4                  # per axis, for anti-aliased edges


def in_flame(x, y):
    """The glyph in unit coordinates (0..1, y down): a flame split by a firebreak."""
    cx, cy, r, apex = 0.5, 0.62, 0.25, 0.10
    if abs(x - cx) < 0.045 and y > 0.30:
        return False  # the break down the middle
    if (x - cx) ** 2 + (y - cy) ** 2 <= r * r:
        return True
    return apex <= y <= cy and abs(x - cx) <= r * (y - apex) / (cy - apex)


def coverage(px, py, size):
    hits = 0
    for sy in range(SAMPLES):
        for sx in range(SAMPLES):
            x = (px + (sx + 0.5) / SAMPLES) / size
            y = (py + (sy + 0.5) / SAMPLES) / size
            hits += in_flame(x, y)
    return hits / (SAMPLES * SAMPLES)


def png(path, size, pixel):
    rows = b""
    for py in range(size):
        rows += b"\x00" + b"".join(bytes(pixel(coverage(px, py, size))) for px in range(size))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    with open(path, "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) +
                  chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def main():
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "config", "teams")

    def colour(c):  # white blended over the accent, fully opaque
        return [round(a + (255 - a) * c) for a in ACCENT] + [255]

    def outline(c):  # white, transparent around it
        return [255, 255, 255, round(255 * c)]

    png(os.path.join(here, "color.png"), 192, colour)
    png(os.path.join(here, "outline.png"), 32, outline)


if __name__ == "__main__":
    main()
