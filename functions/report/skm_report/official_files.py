"""The official report's blocks (shared.reports.official) as PDF (HTML through WeasyPrint) and as DOCX
(python-docx): the same content, with real headings, tables and page numbers in both."""

from __future__ import annotations

import io

from shared.reports.official.blocks import (
    Block,
    Contents,
    Cover,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Signature,
    Table,
)
from shared.templates import environment

from .render import FOLDER, to_pdf

TABLE_POINTS = 8


def pdf(document: Document) -> bytes:
    return to_pdf(environment(FOLDER).get_template("official.html").render(doc=document, kind=kind))


def kind(block: Block) -> str:
    return type(block).__name__.lower()


def docx(document: Document) -> bytes:
    from docx import Document as WordDocument  # only when a Word file is made
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm, Pt

    word = WordDocument()
    section = word.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.5)
    word.styles["Normal"].font.name = "DejaVu Sans"
    word.styles["Normal"].font.size = Pt(10)
    cover(word, document.cover, WD_ALIGN_PARAGRAPH.CENTER, Pt)
    body = word.add_section(WD_SECTION.NEW_PAGE)
    footer = body.footer
    footer.is_linked_to_previous = False
    line = footer.paragraphs[0]
    line.text = f"{document.footer} · Halaman "
    page_number(line)
    width = section.page_width - section.left_margin - section.right_margin
    first = True
    for block in document.blocks:
        if isinstance(block, Heading):
            if block.level == 1 and not first:
                word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            word.add_heading(block.text, level=block.level)
            first = False
        elif isinstance(block, Paragraph):
            paragraph = word.add_paragraph(block.text)
            if block.style == "list":  # numbered in its text: Word's list numbering runs on across lists
                paragraph.paragraph_format.left_indent = Cm(0.6)
                paragraph.paragraph_format.first_line_indent = Cm(-0.6)
            if block.style == "small":
                for run in paragraph.runs:
                    run.font.size = Pt(8.5)
            if block.style == "caption":
                paragraph.runs[0].bold = True
                paragraph.paragraph_format.keep_with_next = True
        elif isinstance(block, Table):
            table_of(word, block, width, WD_ALIGN_PARAGRAPH.RIGHT)
        elif isinstance(block, Contents):
            word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            word.add_heading("Daftar Isi", level=1)
            for entry in block.entries:
                word.add_paragraph(entry)
        elif isinstance(block, Signature):
            for text in ("", block.place_date, block.position, "", "", block.name, block.nip):
                word.add_paragraph(text).paragraph_format.left_indent = Cm(9)
        elif isinstance(block, PageBreak):
            word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def cover(word, cover: Cover, center, points) -> None:
    for text, size, bold in (
        ("LAPORAN HASIL", 16, True),
        ("SURVEI KEPUASAN MASYARAKAT", 18, True),
        ("", 12, False),
        (cover.unit, 16, True),
        (cover.period, 12, False),
        (cover.mark, 14, True),
        ("", 12, False),
        (cover.region.upper(), 13, True),
        (str(cover.year), 12, False),
    ):
        paragraph = word.add_paragraph()
        paragraph.alignment = center
        run = paragraph.add_run(text)
        run.font.size, run.bold = points(size), bold


def table_of(word, block: Table, width, right) -> None:
    from docx.shared import Pt

    if block.caption:
        caption = word.add_paragraph(block.caption)
        caption.runs[0].bold = True
        caption.paragraph_format.keep_with_next = True
    rows = [block.header, *block.rows, *block.footer]
    table = word.add_table(rows=len(rows), cols=len(block.header))
    table.style = "Table Grid"
    table.autofit = False
    for c, share in enumerate(block.widths):  # the grid's widths (LibreOffice) and each cell's (Word)
        table.columns[c].width = int(width * share / 100)
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            cell = table.cell(r, c)
            cell.width = int(width * block.widths[c] / 100)
            cell.text = value
            run = cell.paragraphs[0].runs[0] if cell.paragraphs[0].runs else None
            if run is not None:
                run.font.size = Pt(TABLE_POINTS)  # as the PDF's tables: nine NRR columns fit the page
                run.bold = r == 0 or r > len(block.rows)
            if block.numeric and block.numeric[c] and r > 0:
                cell.paragraphs[0].alignment = right
    word.add_paragraph()


def page_number(paragraph) -> None:
    """A PAGE field: Word and LibreOffice fill in each page's number."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind_, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, None), ("end", None)):
        if kind_:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind_)
        elif text:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = "1"
        run._r.append(element)
