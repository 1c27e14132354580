-- versions.sql's rows for the period: every version answered in any of its quarters.
SELECT DISTINCT unit_id, survey, version
FROM {facts}
WHERE fact = 'version'
