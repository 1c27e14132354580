"""Aggregation: a period's responses rolled up into per-unit and region-wide index rows.

`runs` is the use case (a period, or the daily run), `raw_rows` the BigQuery row of one stored
response, `index_rows` the figures finished from the SQL's tallies.
"""
