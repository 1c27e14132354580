-- One unit's counted suggestions in a period with their labels, newest first: the API's pages.
-- The adapter writes in the cursor's condition (none for the first page) and the page's size (an
-- integer of its own) where the braces are; never in a comment, whose parameters nothing binds.
SELECT response_id, submitted_at, suggestion AS text, suggestion_kind AS kind, suggestion_elements AS elements,
       label_corrected
FROM {responses}
WHERE quarter_start >= @period_start AND quarter_start < @period_end AND counted AND unit_id = @unit_id
  AND IFNULL(suggestion, '') != '' {after}
ORDER BY submitted_at DESC, response_id
LIMIT {limit}
