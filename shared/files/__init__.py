"""The files people upload, read as they save them: CSV from Indonesian Excel or Google Sheets
(comma or semicolon, UTF-8, UTF-16 or cp1252) and XLSX; every bad cell named by line and column.

Readers turn bytes into records or refuse them, and store nothing; `responses_template` writes
the XLSX staff fill in for them.
May import: `shared.rules`, `shared.text`, the standard library, pydantic, openpyxl and XlsxWriter.
"""
