"""`skm unit poster`: the printed QR code must scan to the unit's form."""

import subprocess

from skm.cli import main
from skm.demo import DEMO_UNITS
from tests.helpers.printed import scan, text_of


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
