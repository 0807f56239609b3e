SELECT source_file, moved_to, reason, run_id FROM rejected_files ORDER BY rejected_id DESC LIMIT ?
