"""What a printed PDF says: its text (poppler) and the QR codes a phone would read on a page."""

import subprocess


def scan(pdf, page, tmp_path):
    """Render a page with poppler and decode every QR code on it."""
    import numpy as np
    import zxingcpp

    prefix = tmp_path / f"page{page}"
    subprocess.run(
        ["pdftoppm", "-r", "100", "-gray", "-f", str(page), "-l", str(page), str(pdf), str(prefix)], check=True
    )
    [image] = tmp_path.glob(f"page{page}*.pgm")
    magic, size, _, pixels = image.read_bytes().split(b"\n", 3)
    width, height = map(int, size.split())
    return [code.text for code in zxingcpp.read_barcodes(np.frombuffer(pixels, np.uint8).reshape(height, width))]


def text_of(pdf):
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
