"""The survey's rules as plain data and functions, read like the regulation.

Questionnaires, the index and its rounding, sample sizes, statistics, who is counted and who is
ranked, periods, the vocabulary of stored codes, the records that flow through the system,
follow-up, access, kiosk devices and abuse policy.

May import: `shared.rules`, the standard library and pydantic. Nothing else: no cloud client,
no HTTP, no templates, no message catalogue (tests/unit/test_house.py checks it).
"""
