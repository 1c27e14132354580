"""BigQuery SQL of the aggregation, one query per file."""
