-- Everything a prediction request reads from the warehouse, in one round trip and one snapshot (issue 14: a
-- 1-item request was mostly its round trips). One row per resolved user and track key (unknown keys have none),
-- the model's champion (no row when it has none), its challenger (the newest version that is not the champion and
-- was trained on the given features; id NULL when there is none) and the latest event (time and id, NULLs when
-- there are no events; as completion/store_latest_event.sql reads it, for the feature store).
SELECT 'user' AS kind, user_key AS key, user_id::bigint AS id, NULL::timestamptz AS ts
FROM users WHERE user_key = ANY (?)
UNION ALL
SELECT 'track', track_key, track_id::bigint, NULL FROM tracks WHERE track_key = ANY (?)
UNION ALL
SELECT 'champion', NULL, version::bigint, NULL FROM model_champions WHERE model_name = ?
UNION ALL
SELECT 'challenger', NULL, max(v.version)::bigint, NULL
FROM model_versions v
WHERE v.model_name = ? AND v.feature_names = ?::text[]
  AND v.version IS DISTINCT FROM (SELECT c.version FROM model_champions c WHERE c.model_name = ?)
UNION ALL
SELECT 'latest_event', NULL, max(event_id), max(ts) FROM events
