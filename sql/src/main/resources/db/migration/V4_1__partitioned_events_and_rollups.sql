-- Issue 4: real-format importers, cohort retention rollups, data-retention purge.

-- Columns the external formats carry (Last.fm 360K signup date, Pozytywka storage cost).
ALTER TABLE users ADD COLUMN signup_date date;
ALTER TABLE tracks ADD COLUMN daily_cost double precision CHECK (daily_cost >= 0);

-- Events become range-partitioned by month on ts, so that the retention purge drops whole partitions instead of
-- deleting rows. The foreign keys on events go: a row-by-row FK trigger cost most of the import time, and the
-- importer already resolves every user and track key by join (unknown keys are quarantined), which is the only
-- way rows get in. Partitions are created ahead of each load by ensure_event_partitions.
ALTER TABLE events RENAME TO events_unpartitioned;
ALTER INDEX events_ts RENAME TO events_unpartitioned_ts;
ALTER INDEX events_name_ts RENAME TO events_unpartitioned_name_ts;

CREATE TABLE events (
    event_id   bigint      GENERATED ALWAYS AS IDENTITY,  -- load order: breaks timestamp ties
    user_id    integer     NOT NULL,
    ts         timestamptz NOT NULL,
    event_name text        NOT NULL,
    track_id   integer,
    session_id bigint
) PARTITION BY RANGE (ts);
CREATE INDEX events_ts ON events (ts);
CREATE INDEX events_name_ts ON events (event_name, ts);

-- Creates the missing monthly partitions events_pYYYYMM (UTC months) covering [from_ts, to_ts]; returns how many
-- it created.
CREATE FUNCTION ensure_event_partitions(from_ts timestamptz, to_ts timestamptz) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    month   timestamp := date_trunc('month', from_ts AT TIME ZONE 'UTC');
    last    timestamp := date_trunc('month', to_ts AT TIME ZONE 'UTC');
    name    text;
    created integer := 0;
BEGIN
    IF from_ts IS NULL OR to_ts IS NULL THEN
        RETURN 0;
    END IF;
    WHILE month <= last LOOP
        name := 'events_p' || to_char(month, 'YYYYMM');
        IF to_regclass(name) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF events FOR VALUES FROM (%L) TO (%L)', name,
                           (month AT TIME ZONE 'UTC'), ((month + interval '1 month') AT TIME ZONE 'UTC'));
            created := created + 1;
        END IF;
        month := month + interval '1 month';
    END LOOP;
    RETURN created;
END $$;

SELECT ensure_event_partitions((SELECT min(ts) FROM events_unpartitioned), (SELECT max(ts) FROM events_unpartitioned));
INSERT INTO events (event_id, user_id, ts, event_name, track_id, session_id) OVERRIDING SYSTEM VALUE
SELECT event_id, user_id, ts, event_name, track_id, session_id FROM events_unpartitioned ORDER BY event_id;
DO $$
DECLARE next_id bigint := (SELECT coalesce(max(event_id), 0) + 1 FROM events_unpartitioned);
BEGIN
    EXECUTE format('ALTER TABLE events ALTER COLUMN event_id RESTART WITH %s', next_id);
END $$;
DROP TABLE events_unpartitioned;

-- Rollups that retention reads instead of the raw events. They outlive the purge of the events they summarise.
-- The install day of a user: the day of their first FIRST_INSTALL event.
CREATE TABLE user_installs (
    user_id     integer     PRIMARY KEY,
    install_ts  timestamptz NOT NULL,
    install_day date        NOT NULL
);
CREATE INDEX user_installs_day ON user_installs (install_day);

-- The users active (any event other than FIRST_INSTALL) on each UTC day.
CREATE TABLE daily_active_users (
    day     date    NOT NULL,
    user_id integer NOT NULL,
    PRIMARY KEY (user_id, day)
);
CREATE INDEX daily_active_users_day ON daily_active_users (day);

-- Days whose events changed since the rollups were last brought up to date; every events load adds its days.
CREATE TABLE rollup_pending_days (
    day date PRIMARY KEY
);
INSERT INTO rollup_pending_days SELECT DISTINCT (ts AT TIME ZONE 'UTC')::date FROM events;

-- The cohort retention matrix each daily run computed, by business date.
CREATE TABLE retention_matrix (
    business_date  date    NOT NULL,
    cohort_by      text    NOT NULL CHECK (cohort_by IN ('day', 'week')),
    cohort_start   date    NOT NULL,
    period         integer NOT NULL,
    cohort_size    bigint  NOT NULL,
    active_exact   bigint  NOT NULL,
    active_rolling bigint  NOT NULL,
    PRIMARY KEY (business_date, cohort_by, cohort_start, period)
);
