-- Per unit: the hours from each counted suggestion or complaint to its first reply (the stored
-- facts keep them all: a median does not add up over quarters).
SELECT unit_id, TIMESTAMP_DIFF(first_reply_at, submitted_at, SECOND) / 3600 AS hours
FROM {responses}
WHERE quarter_start >= @period_start AND quarter_start < @period_end AND counted
  AND IFNULL(suggestion, '') != '' AND first_reply_at IS NOT NULL AND submitted_at IS NOT NULL
