-- unit_facts.sql's rows for the period, added up over its quarters' stored facts.
SELECT unit_id, SUM(excluded) AS excluded, SUM(suggestions) AS suggestions, SUM(answered) AS answered
FROM {facts}
WHERE fact = 'unit'
GROUP BY unit_id
