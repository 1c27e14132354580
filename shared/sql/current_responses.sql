-- The responses a period's facts are computed from, as Firestore holds them now: not deleted,
-- not from an import that never completed, each with its follow-up (the current complaint
-- status and first reply) and `counted`: false when flagged and not cleared by an operator,
-- or marked spam by one (shared/rules/eligibility.py, counted_flags).
(
  SELECT
    r.response_id, r.unit_id, r.quarter, r.quarter_start, r.submitted_at, r.questionnaires, r.answers,
    r.age, r.gender, r.education, r.occupation, r.service, r.suggestion, r.channel,
    IFNULL(f.complaint_status, r.complaint_status) AS complaint_status,
    IFNULL(f.first_reply_at, r.first_reply_at) AS first_reply_at,
    IFNULL(NOT f.spam, ARRAY_LENGTH(r.flags) = 0) AS counted
  FROM `{dataset}.responses` AS r
  LEFT JOIN (
    SELECT response_id, complaint_status, first_reply_at, spam
    FROM `{dataset}.followups`
    WHERE quarter_start >= @period_start AND quarter_start < @period_end
  ) AS f ON f.response_id = r.response_id
  LEFT JOIN `{dataset}.imports` AS i ON i.import_id = r.import_id
  WHERE r.quarter_start >= @period_start AND r.quarter_start < @period_end
    AND NOT IFNULL(r.deleted, FALSE) AND (r.import_id IS NULL OR IFNULL(i.complete, FALSE))
)
