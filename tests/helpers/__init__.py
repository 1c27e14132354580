"""What the tests share, as a package: no test module imports another.

`fakes` (in-memory stores for the handlers and use cases), `reference` (the index computed by
hand in plain Python), `data` (a seeded quarter of responses and the stack's stores), `http`
(in-process clients of the functions' apps) and `area` (the operator area, PDFs and Chromium).
"""
