-- One durable queue for every background task (src/jobs). A job is `queued` until its `run_at`,
-- `running` while a process holds it (then `run_at` is the end of that process's lease: a job
-- whose process died is taken again after it), and ends `done`, `failed` (attempts used up: the
-- dead letters) or `cancelled`. A periodic job is one row per kind (`unique_key`) that goes back
-- to `queued` after each run.
CREATE TABLE jobs (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    kind           TEXT        NOT NULL,
    payload        TEXT        NOT NULL DEFAULT '{}',
    state          TEXT        NOT NULL DEFAULT 'queued'
                   CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
    unique_key     TEXT        UNIQUE,
    period_seconds BIGINT      CHECK (period_seconds IS NULL OR period_seconds > 0),
    attempts       INTEGER     NOT NULL DEFAULT 0,
    max_attempts   INTEGER     NOT NULL DEFAULT 8 CHECK (max_attempts > 0),
    run_at         TEXT        NOT NULL,
    claim          TEXT,
    last_error     TEXT,
    last_count     BIGINT,
    last_run_at    TEXT       ,
    runs           BIGINT      NOT NULL DEFAULT 0,
    created_at     TEXT        NOT NULL,
    finished_at    TEXT       
);
-- What a worker takes next: queued jobs that are due and running jobs whose lease has ended.
CREATE INDEX jobs_due ON jobs (run_at, id) WHERE state IN ('queued', 'running');
-- The administrators' page, by state, newest first.
CREATE INDEX jobs_state ON jobs (state, id);
