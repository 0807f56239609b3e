-- The seed's form of the question, kept ONLY as a baseline for the test that shows its bug and for the benchmark:
-- `ts BETWEEN to_date(D+1) AND to_date(D+7)` compares a timestamp with midnight at the start of D+7, so every
-- event later on D+7 is dropped. It also scans the raw events. Do not use it for figures.
-- Parameter 1 (four times): the install date as text, YYYY-MM-DD.
SELECT count(DISTINCT r.user_id)
FROM events r
WHERE r.event_name <> 'FIRST_INSTALL'
  AND r.ts BETWEEN to_date(?, 'YYYY-MM-DD') + 1 AND to_date(?, 'YYYY-MM-DD') + 7
  AND r.user_id IN (SELECT i.user_id FROM events i
                    WHERE i.event_name = 'FIRST_INSTALL'
                      AND i.ts >= to_date(?, 'YYYY-MM-DD') AND i.ts < to_date(?, 'YYYY-MM-DD') + 1)
