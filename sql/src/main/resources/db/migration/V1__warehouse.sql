-- Setlist warehouse, version 1.
-- External ids (the keys in imported files and in the API) are text; every table joins on compact
-- integer surrogates so that the hot paths (play matrix, events) stay small.

CREATE TABLE users (
    user_id      integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_key     text    NOT NULL UNIQUE,
    gender       char(1) CHECK (gender IN ('m', 'f', 'n')),  -- NULL: unknown
    age          smallint CHECK (age BETWEEN 5 AND 110),      -- NULL: unknown or absurd in the source
    country      text,
    install_date date,
    premium      boolean NOT NULL DEFAULT false
);

CREATE TABLE artists (
    artist_id  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    artist_key text NOT NULL UNIQUE,
    name       text NOT NULL
);

CREATE TABLE tracks (
    track_id      integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    track_key     text    NOT NULL UNIQUE,
    artist_id     integer NOT NULL REFERENCES artists,
    title         text    NOT NULL,
    duration_ms   integer NOT NULL CHECK (duration_ms > 0),
    size_bytes    bigint  NOT NULL CHECK (size_bytes > 0),
    storage_class text    NOT NULL
);
CREATE INDEX tracks_artist ON tracks (artist_id);

-- Lifetime play counts per (user, artist): the input of the neighbour recommender.
CREATE TABLE plays (
    user_id   integer NOT NULL REFERENCES users,
    artist_id integer NOT NULL REFERENCES artists,
    plays     integer NOT NULL CHECK (plays > 0),
    PRIMARY KEY (user_id, artist_id)
);

-- App and listening events, the shape of piwik_track(uid, time, event_name) plus the track and session
-- of PLAY / SKIP events. event_name: FIRST_INSTALL, OPEN, PLAY, SKIP (others are kept as they come).
CREATE TABLE events (
    event_id   bigint      GENERATED ALWAYS AS IDENTITY,  -- load order: breaks timestamp ties
    user_id    integer     NOT NULL REFERENCES users,
    ts         timestamptz NOT NULL,
    event_name text        NOT NULL,
    track_id   integer REFERENCES tracks,
    session_id bigint
);
CREATE INDEX events_ts ON events (ts);
CREATE INDEX events_name_ts ON events (event_name, ts);

-- One row per imported file: the checksum makes a second import of the same bytes a no-op.
CREATE TABLE imports (
    import_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_file      text        NOT NULL,
    kind             text        NOT NULL,
    sha256           text        NOT NULL UNIQUE,
    rows_read        bigint      NOT NULL,
    rows_loaded      bigint      NOT NULL,
    rows_quarantined bigint      NOT NULL,
    imported_at      timestamptz NOT NULL DEFAULT now()
);

-- Rows that failed validation, kept with where they came from and why: nothing is silently dropped.
CREATE TABLE quarantine (
    quarantine_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    import_id     bigint NOT NULL REFERENCES imports,
    source_file   text   NOT NULL,
    line_no       bigint NOT NULL,
    field         text,
    reason        text   NOT NULL,
    raw_line      text   NOT NULL
);
CREATE INDEX quarantine_source ON quarantine (source_file);

-- The run ledger: one row per (job, business date).
CREATE TABLE job_runs (
    job           text        NOT NULL,
    business_date date        NOT NULL,
    run_id        text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED')),
    attempt       integer     NOT NULL DEFAULT 1,
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    rows_in       bigint,
    rows_out      bigint,
    error         text,
    PRIMARY KEY (job, business_date)
);

-- Stage outputs, keyed by business date; each stage reads what the previous one wrote here.
CREATE TABLE retention_results (
    business_date date        NOT NULL,
    install_date  date        NOT NULL,
    day_from      integer     NOT NULL,
    day_to        integer     NOT NULL,
    cohort_size   bigint      NOT NULL,
    retained      bigint      NOT NULL,
    computed_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (business_date, install_date, day_from, day_to)
);

CREATE TABLE recommendations (
    business_date date     NOT NULL,
    user_id       integer  NOT NULL REFERENCES users,
    rank          smallint NOT NULL,
    artist_id     integer  NOT NULL REFERENCES artists,
    score         real     NOT NULL,
    source        text     NOT NULL CHECK (source IN ('neighbours', 'segment', 'global')),
    PRIMARY KEY (business_date, user_id, rank)
);

CREATE TABLE track_completion (
    business_date date    NOT NULL,
    track_id      integer NOT NULL REFERENCES tracks,
    plays         integer NOT NULL,
    completions   integer NOT NULL,
    probability   real    NOT NULL CHECK (probability BETWEEN 0 AND 1),
    PRIMARY KEY (business_date, track_id)
);

CREATE TABLE cache_priorities (
    business_date       date    NOT NULL,
    tier                text    NOT NULL,
    rank                integer NOT NULL,
    track_id            integer NOT NULL REFERENCES tracks,
    probability         real    NOT NULL,
    expected_full_plays real    NOT NULL,
    size_bytes          bigint  NOT NULL,
    priority            double precision NOT NULL,
    PRIMARY KEY (business_date, tier, rank)
);

CREATE TABLE published_runs (
    run_id         text        PRIMARY KEY,
    business_date  date        NOT NULL,
    published_at   timestamptz NOT NULL DEFAULT now(),
    users          bigint      NOT NULL,
    cache_entries  bigint      NOT NULL
);
