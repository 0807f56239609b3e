INSERT INTO model_champions (model_name, version, reason) VALUES (?, ?, ?)
ON CONFLICT (model_name) DO UPDATE SET version = EXCLUDED.version, reason = EXCLUDED.reason, promoted_at = now()
