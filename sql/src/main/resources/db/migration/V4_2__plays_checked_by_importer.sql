-- The row-by-row foreign-key triggers on plays cost more than the rest of a 17.5M-row Last.fm import. Every row
-- reaches plays through the importer's INSERT ... SELECT, which joins users and artists by key (rows with unknown
-- keys are quarantined first), so the keys are checked there, as they are for events (V4_1).
ALTER TABLE plays DROP CONSTRAINT IF EXISTS plays_user_id_fkey;
ALTER TABLE plays DROP CONSTRAINT IF EXISTS plays_artist_id_fkey;
