"""The official report's blocks (shared.reports.official) as PDF (HTML through WeasyPrint) and as DOCX
(python-docx): the same content, with real headings, tables and page numbers in both."""

from __future__ import annotations

import base64
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
    printable,
)
from shared.templates import environment

from .render import FOLDER, to_pdf

TABLE_POINTS = 8


def pdf(document: Document, logo: bytes = b"") -> bytes:
    """The report as PDF; `logo` (PNG or JPEG) tops the cover."""
    html = environment(FOLDER).get_template("official.html").render(doc=document, kind=kind, logo=data_url(logo))
    return to_pdf(html)


def data_url(image: bytes) -> str:
    """The image inline: WeasyPrint fetches nothing from outside the document."""
    if not image:
        return ""
    kind_ = "png" if image.startswith(b"\x89PNG") else "jpeg"
    return f"data:image/{kind_};base64,{base64.b64encode(image).decode()}"


def kind(block: Block) -> str:
    return type(block).__name__.lower()


def docx(document: Document, logo: bytes = b"") -> bytes:
    from docx import Document as WordDocument  # only when a Word file is made
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm, Pt

    document = printable(document)
    word = WordDocument()
    section = word.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.5)
    word.styles["Normal"].font.name = "DejaVu Sans"
    word.styles["Normal"].font.size = Pt(10)
    cover(word, document.cover, logo, WD_ALIGN_PARAGRAPH.CENTER, Pt)
    body = word.add_section(WD_SECTION.NEW_PAGE)
    footer = body.footer
    footer.is_linked_to_previous = False
    line = footer.paragraphs[0]
    line.text = f"{document.footer} · Halaman "
    page_number(line)
    width = section.page_width - section.left_margin - section.right_margin
    first, chapters = True, 0
    for block in document.blocks:
        if isinstance(block, Heading):
            if block.level == 1 and not first:
                word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            heading = word.add_heading(block.text, level=block.level)
            if block.level == 1:  # as Document.chapters: the contents' entries, in order
                chapters += 1
                bookmark(heading, chapters)
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
            for number, entry in enumerate(block.entries, start=1):
                contents_entry(word.add_paragraph(), entry, number, width)
        elif isinstance(block, Signature):
            keep_last_with_next(word)  # the signature never stands alone on a page
            lines = ("", block.place_date, block.position, "", "", block.name, block.nip)
            for n, text in enumerate(lines, start=1):
                paragraph = word.add_paragraph(text)
                paragraph.paragraph_format.left_indent = Cm(9)
                paragraph.paragraph_format.keep_with_next = n < len(lines)
        elif isinstance(block, PageBreak):
            word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    update_fields_on_open(word)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def cover(word, cover: Cover, logo: bytes, center, points) -> None:
    from docx.shared import Cm

    if logo:
        word.add_picture(io.BytesIO(logo), height=Cm(3.2))
        word.paragraphs[-1].alignment = center
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
    """A table as the PDF draws it: padded cells, a shaded header repeated on each page, kept on
    one page where it fits (every row but the last keeps with the next)."""
    from docx.shared import Pt

    if block.caption:
        caption = word.add_paragraph(block.caption)
        caption.runs[0].bold = True
        caption.paragraph_format.keep_with_next = True
    rows = [block.header, *(block.rows or [("–",) + ("",) * (len(block.header) - 1)]), *block.footer]
    table = word.add_table(rows=len(rows), cols=len(block.header))
    table.style = "Table Grid"
    table.autofit = False
    cell_margins(table)
    for c, share in enumerate(block.widths):  # the grid's widths (LibreOffice) and each cell's (Word)
        table.columns[c].width = int(width * share / 100)
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            cell = table.cell(r, c)
            cell.width = int(width * block.widths[c] / 100)
            cell.text = value
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.paragraph_format.keep_with_next = r < len(rows) - 1
            for run in paragraph.runs:
                run.font.size = Pt(TABLE_POINTS)  # as the PDF's tables: nine NRR columns fit the page
                run.bold = r == 0 or r > len(block.rows)
            if block.numeric and block.numeric[c] and r > 0:
                paragraph.alignment = right
            if r == 0 or r > len(block.rows):
                shade(cell, HEADER_FILL if r == 0 else FOOTER_FILL)
    repeat_header(table.rows[0])
    word.add_paragraph()


HEADER_FILL, FOOTER_FILL = "E8EEF5", "F3F6F9"  # the PDF's th and tfoot


def cell_margins(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    margins = OxmlElement("w:tblCellMar")
    for side, twips in (("top", 45), ("left", 80), ("bottom", 45), ("right", 80)):  # 2.25 pt and 4 pt
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(twips))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    table._tbl.tblPr.append(margins)


def shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def repeat_header(row) -> None:
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def page_number(paragraph) -> None:
    """A PAGE field: Word and LibreOffice fill in each page's number."""
    field(paragraph, "PAGE", "1")


def field(paragraph, instruction: str, shown: str) -> None:
    """A field Word and LibreOffice compute (`shown` until they do)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind_, text in (("begin", None), (None, instruction), ("separate", None), (None, None), ("end", None)):
        if kind_:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind_)
        elif text:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = shown
        run._r.append(element)


def bookmark(paragraph, chapter: int) -> None:
    """The chapter heading's bookmark, which its contents entry points to."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(chapter))
    start.set(qn("w:name"), f"bab_{chapter}")
    end.set(qn("w:id"), str(chapter))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def contents_entry(paragraph, entry: str, chapter: int, width) -> None:
    """A contents line: the chapter, a dotted leader and a PAGEREF to its heading's bookmark,
    which LibreOffice computes as it lays the pages out and Word on opening (updateFields).
    Not a TOC field: LibreOffice shows a TOC field's saved text and never refreshes it on load."""
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER

    paragraph.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    paragraph.add_run(f"{entry}\t")
    field(paragraph, f" PAGEREF bab_{chapter} \\h ", "")


def keep_last_with_next(word) -> None:
    """What precedes the signature stays on its page: the last paragraph, or the last table's
    rows and the space after it."""
    body = word.element.body
    last = body[-2] if body[-1].tag.endswith("sectPr") else body[-1]
    if last.tag.endswith("}p") and word.paragraphs:
        word.paragraphs[-1].paragraph_format.keep_with_next = True
        previous = last.getprevious()
        if previous is not None and previous.tag.endswith("}tbl"):
            for cell in word.tables[-1].rows[-1].cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True


def update_fields_on_open(word) -> None:
    """Word asks to update the fields (the contents' page numbers) when the file is opened."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    word.settings.element.append(update)
