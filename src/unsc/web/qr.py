"""QR codes for the links of a live session, drawn as inline SVG on the server."""

from __future__ import annotations

import io

import segno


def qr_svg(url: str) -> str:
    """``url`` as a QR code (error correction M), an ``<svg>`` element to inline."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=3, xmldecl=False, svgns=True)
    return out.getvalue().decode()
