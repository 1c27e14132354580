"""`skm unit poster`: the printed QR code must scan to the unit's form."""

import subprocess

import numpy as np
import zxingcpp

from skm.cli import main
from skm.demo import DEMO_UNITS


def scan(pdf, page, tmp_path):
    """Render a page with poppler and decode every QR code on it."""
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


def test_a_poster_scans_to_the_units_form(tmp_path, monkeypatch, artifacts):
    monkeypatch.setenv("SKM_FORM_BASE_URL", "https://skm.example.go.id")
    assert main(["unit", "poster", "puskesmas-teluk-dalam", "--csv", str(DEMO_UNITS), "--out", str(tmp_path)]) == 0
    pdf = tmp_path / "poster_puskesmas-teluk-dalam.pdf"
    assert scan(pdf, 1, tmp_path) == ["https://skm.example.go.id/u/puskesmas-teluk-dalam"]
    words = " ".join(text_of(pdf).split())
    assert "Puskesmas Teluk Dalam" in words and "Pindai kode QR" in words and "Isi survei singkat" in words
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(artifacts / "poster")], check=True)


def test_all_units_in_one_file(tmp_path, monkeypatch):
    monkeypatch.setenv("SKM_FORM_BASE_URL", "https://skm.example.go.id")
    assert main(["units", "poster", "--all", "--one-file", "--csv", str(DEMO_UNITS), "--out", str(tmp_path)]) == 0
    pdf = tmp_path / "poster_semua_unit.pdf"
    assert scan(pdf, 4, tmp_path) == ["https://skm.example.go.id/u/dpmptsp"]


def test_unknown_units_are_named(tmp_path, capsys):
    assert main(["unit", "poster", "nope", "--csv", str(DEMO_UNITS), "--out", str(tmp_path)]) == 2
    assert "unknown unit: nope" in capsys.readouterr().err
    assert main(["unit", "poster", "--csv", str(DEMO_UNITS)]) == 2
