SELECT key_id, name, scope, key_hash
FROM api_keys
WHERE revoked_at IS NULL
