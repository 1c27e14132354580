-- One unit's counted suggestions in a period with their labels, newest first, from a cursor
-- (the last one of the page before; @after_id '' for the first page): the API's pages.
SELECT response_id, submitted_at, suggestion AS text, suggestion_kind AS kind, suggestion_elements AS elements,
       label_corrected
FROM {responses}
WHERE quarter_start >= @period_start AND quarter_start < @period_end AND counted AND unit_id = @unit_id
  AND IFNULL(suggestion, '') != ''
  AND (@after_id = '' OR submitted_at < TIMESTAMP(@after_at)
       OR (submitted_at = TIMESTAMP(@after_at) AND response_id > @after_id))
ORDER BY submitted_at DESC, response_id
LIMIT @limit
