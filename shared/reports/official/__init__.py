"""The official report (Laporan Hasil SKM) as a list of blocks, rendered alike to PDF and DOCX
by the report function.

It follows the outline pemda reports share (../shared/DOMAIN.md): cover, foreword, contents,
BAB I–V, appendices and a signature block. Every number comes from the aggregation's index
rows; the narrative is written from those numbers in plain Indonesian, and the unit's operator
may replace the foreword, background and conclusion and name the signatory (`Narrative`, kept
per unit and period). The document is in Bahasa Indonesia: it is the one a Bagian Organisasi
signs; the summary report stays bilingual.

`blocks` (what a document is made of), `narrative` (what the operator writes, and how numbers
are written), `unit` (a unit's report) and `region` (the bureau's consolidated report).
"""
