"""Aggregation: what changed in Firestore brought into BigQuery, and a period's responses rolled
up there into per-unit and region-wide index rows.

`ingestion` brings changes in by cursor, `raw_rows` is the BigQuery row of one stored document,
`runs` the use case (a period, the daily run, catching up), `index_rows` the figures finished
from the SQL's tallies, `reconciliation` the nightly check of counts.
"""
