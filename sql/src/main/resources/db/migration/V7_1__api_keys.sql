-- Keys of the read API (issue 7). Only a SHA-256 of each key is stored: the key itself is shown once, when it is
-- created, and a leaked table does not let anyone call the API. A revoked key keeps its row for audits.
CREATE TABLE api_keys (
    key_id      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL CHECK (name ~ '^[A-Za-z0-9_.-]{1,64}$'),
    scope       text        NOT NULL CHECK (scope IN ('read', 'admin')),
    key_hash    bytea       NOT NULL UNIQUE CHECK (octet_length(key_hash) = 32),
    key_prefix  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

-- One active key per name, so `keys revoke NAME` is unambiguous; a name can be reused once its key is revoked.
CREATE UNIQUE INDEX api_keys_active_name ON api_keys (name) WHERE revoked_at IS NULL;
