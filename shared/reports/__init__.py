"""What is printed or published, as data: the recap and its tables, the dashboard, the open data,
the public site and the official report (Laporan Hasil SKM). Rendering to PDF, DOCX and XLSX
lives in the report function; here only what goes in.

May import: `shared.rules`, `shared.text`, the standard library, pydantic and Jinja (the site).
"""
