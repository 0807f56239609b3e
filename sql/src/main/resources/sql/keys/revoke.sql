UPDATE api_keys
SET revoked_at = now()
WHERE name = ? AND revoked_at IS NULL
RETURNING key_id
