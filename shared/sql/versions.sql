-- Questionnaire versions answered per unit and survey.
SELECT r.unit_id, q.survey, q.version
FROM {responses} AS r, UNNEST(r.questionnaires) AS q
WHERE r.quarter_start >= @period_start AND r.quarter_start < @period_end AND ARRAY_LENGTH(r.flags) = 0
GROUP BY r.unit_id, q.survey, q.version
