"""The XLSX a unit's staff fill in to import responses: Indonesian headers the importer reads back
(shared.files.responses_file), the unit's own surveys and services, and a list of the allowed
answers on every column, so Excel refuses a wrong cell before the importer has to."""

from __future__ import annotations

import io

from shared.files.spreadsheet import column_letter
from shared.rules import questionnaire, vocabulary
from shared.rules.records import Unit

ROWS = 1000  # rows the lists and checks cover; more rows can be added by copying one down
PROFILE = (  # header, the importer's column, the allowed values (None: a number or free text)
    ("Jenis kelamin", "gender", vocabulary.GENDERS),
    ("Umur", "age", None),
    ("Pendidikan", "education", vocabulary.EDUCATIONS),
    ("Pekerjaan", "occupation", vocabulary.OCCUPATIONS),
)


def template(unit: Unit) -> bytes:
    """The unit's template: a sheet to fill in (one row per questionnaire) and one explaining each
    column, with the questions as the citizen read them."""
    import xlsxwriter  # only when a template is made

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"strings_to_formulas": False})
    head = book.add_format({"bold": True, "bg_color": "#E8EEF5", "text_wrap": True, "valign": "top"})
    sheet, notes, lists = book.add_worksheet("Isian"), book.add_worksheet("Petunjuk"), book.add_worksheet("Pilihan")
    columns = _columns(unit)
    for index, (title, help_text, allowed) in enumerate(columns):
        sheet.write_string(0, index, title, head)
        sheet.set_column(index, index, max(10, min(len(title) + 2, 40)))
        notes.write_string(index, 0, title, head)
        notes.write_string(index, 1, help_text)
        if allowed:
            lists.write_column(0, index, allowed)
            letter = column_letter(index)
            source = f"=Pilihan!${letter}$1:${letter}${len(allowed)}"
            sheet.data_validation(1, index, ROWS, index, {"validate": "list", "source": source})
        elif title == "Umur":
            sheet.data_validation(
                1, index, ROWS, index, {"validate": "integer", "criteria": "between", "minimum": 15, "maximum": 100}
            )
    notes.set_column(0, 0, 22)
    notes.set_column(1, 1, 90)
    lists.hide()
    sheet.freeze_panes(1, 1)
    book.close()
    return buffer.getvalue()


def _columns(unit: Unit) -> list[tuple[str, str, list[str] | None]]:
    columns: list[tuple[str, str, list[str] | None]] = [
        ("Tanggal", "Tanggal dan jam pengisian: 15/09/2026 09:30 (waktu setempat).", None)
    ]
    for form in unit.questionnaires():
        scores = [str(score) for score in range(form.scale.min, form.scale.max + 1)]
        for item in form.items:
            options = " · ".join(f"{o.score} {questionnaire.text(o.label, 'id')}" for o in item.options)
            columns.append((item.code, f"{questionnaire.text(item.question, 'id')} ({options})", scores))
    for title, _, allowed in PROFILE:
        columns.append((title, "Boleh kosong.", list(allowed) if allowed else None))
    if unit.services:
        columns.append(("Layanan", "Layanan yang diterima; boleh kosong.", list(unit.services)))
    columns.append(("Kritik dan saran", "Tulisan warga apa adanya (paling banyak 2.000 huruf); boleh kosong.", None))
    return columns
