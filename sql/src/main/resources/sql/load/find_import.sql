SELECT import_id FROM imports WHERE sha256 = ?
