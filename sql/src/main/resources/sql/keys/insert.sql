INSERT INTO api_keys (name, scope, key_hash, key_prefix)
VALUES (?, ?, ?, ?)
RETURNING key_id, name, scope, key_prefix, created_at, revoked_at
