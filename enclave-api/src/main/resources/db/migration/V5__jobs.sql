-- Jobs (docs/jobs.md). The queue is the table: QUEUED rows in submission order.
create table job (
    id            uuid        primary key,
    workspace_id  uuid        not null references workspace (id),
    project_id    uuid        not null references project (id),
    author        text        not null,
    state         text        not null check (state in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    kind          text        not null check (kind in ('ROWS', 'AGGREGATE')),
    sql           text        not null,
    sql_sha256    text        not null,
    output_spec   jsonb       not null,
    datasets      jsonb       not null,
    policy        text        not null,
    limit_seconds integer     not null check (limit_seconds between 1 and 86400),
    max_rows      integer     not null check (max_rows between 1 and 1000000),
    submitted_at  timestamptz not null,
    started_at    timestamptz,
    finished_at   timestamptz,
    process_id    bigint,
    error_code    text,
    error_message text,
    error_line    integer,
    error_column  integer,
    rejected      boolean     not null default false,
    result_rows   bigint,
    truncated     boolean,
    report        jsonb,
    queue_seq     bigserial   not null
);
create index job_workspace on job (workspace_id);
create index job_state on job (state, queue_seq);
