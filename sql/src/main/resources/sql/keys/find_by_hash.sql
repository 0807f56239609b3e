SELECT key_id, name, scope, key_prefix, created_at, revoked_at
FROM api_keys
WHERE key_hash = ?
