-- Questionnaire versions answered per unit and survey.
SELECT r.unit_id, q.survey, q.version
FROM {responses} AS r, UNNEST(r.questionnaires) AS q
WHERE r.quarter_start >= @period_start AND r.quarter_start < @period_end AND r.counted
GROUP BY r.unit_id, q.survey, q.version
