"""The files people upload, read as they save them: CSV from Indonesian Excel or Google Sheets
(comma or semicolon, UTF-8, UTF-16 or cp1252) and XLSX; every bad cell named by line and column.

Readers only: they turn bytes into records or refuse them, and store nothing.
May import: `shared.rules`, `shared.text`, the standard library, pydantic and openpyxl.
"""
