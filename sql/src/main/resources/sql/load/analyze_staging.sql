-- Temporary tables are never auto-analyzed; without statistics the key lookups below may plan as nested loops.
ANALYZE staging
