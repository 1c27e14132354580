-- The responses a period's facts are computed from, as Firestore holds them now. The raw tables
-- keep every version the ingester appended (a correction, a tombstone, a chunk appended twice
-- after a kill); each key's newest version is the current one. Of those: not deleted, not from
-- an import that never completed, each with its current follow-up (complaint status, first
-- reply) and `counted`: false when flagged and not cleared by an operator, or marked spam by one
-- (shared/rules/eligibility.py, counted_flags). A suggestion's label is the operator's correction
-- where there is one, else the rules' (shared/rules/suggestions.py).
(
  SELECT
    r.response_id, r.unit_id, r.quarter, r.quarter_start, r.submitted_at, r.questionnaires, r.answers,
    r.age, r.gender, r.education, r.occupation, r.service, r.suggestion, r.channel,
    IFNULL(f.label_kind, r.suggestion_kind) AS suggestion_kind,
    IF(f.label_kind IS NULL, r.suggestion_elements, f.label_elements) AS suggestion_elements,
    r.suggestion_themes, f.label_kind IS NOT NULL AS label_corrected,
    IFNULL(f.complaint_status, r.complaint_status) AS complaint_status,
    IFNULL(f.first_reply_at, r.first_reply_at) AS first_reply_at,
    IFNULL(NOT f.spam, ARRAY_LENGTH(r.flags) = 0) AS counted
  FROM (
    SELECT
      response_id, unit_id, quarter, quarter_start, submitted_at, questionnaires, answers, age, gender, education,
      occupation, service, suggestion, suggestion_kind, suggestion_elements, suggestion_themes, channel, complaint_status, first_reply_at, flags, import_id, deleted,
      ROW_NUMBER() OVER (PARTITION BY response_id, quarter_start ORDER BY updated_at DESC NULLS LAST) AS newest
    FROM `{dataset}.responses`
    WHERE quarter_start >= @period_start AND quarter_start < @period_end
  ) AS r
  LEFT JOIN (
    SELECT response_id, complaint_status, first_reply_at, spam, label_kind, label_elements,
      ROW_NUMBER() OVER (PARTITION BY response_id ORDER BY updated_at DESC NULLS LAST) AS newest
    FROM `{dataset}.followups`
    WHERE quarter_start >= @period_start AND quarter_start < @period_end
  ) AS f ON f.response_id = r.response_id AND f.newest = 1
  LEFT JOIN (
    SELECT import_id, complete, ROW_NUMBER() OVER (PARTITION BY import_id ORDER BY updated_at DESC NULLS LAST) AS newest
    FROM `{dataset}.imports`
  ) AS i ON i.import_id = r.import_id AND i.newest = 1
  WHERE r.newest = 1 AND NOT IFNULL(r.deleted, FALSE) AND (r.import_id IS NULL OR IFNULL(i.complete, FALSE))
)
