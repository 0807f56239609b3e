-- An inbox file quarantined whole: its name, where it was moved, why, and the run that moved it.
INSERT INTO rejected_files (source_file, moved_to, reason, run_id) VALUES (?, ?, ?, ?)
