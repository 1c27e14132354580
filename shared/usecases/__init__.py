"""One module per thing a person or a schedule does: submitting, typing in paper forms,
importing, following up, administering units and operators, publishing, aggregating.

A use case validates, writes through the stores it is handed, writes the audit record and
rewrites what must be rewritten; the browser's handlers and the CLI call the same function.
May import: `shared.rules`, `shared.text`, `shared.files`, `shared.reports`, `shared.log` and the standard
library; stores are arguments (protocols), never cloud clients.
"""
