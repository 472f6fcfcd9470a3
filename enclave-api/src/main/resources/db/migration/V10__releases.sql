-- Release requests (the airlock, docs/releases.md): outputs, votes per review round, comments,
-- differencing flags, and the per-project ledger of released tables.
create table release_request (
    id           uuid        primary key,
    project_id   uuid        not null references project (id),
    workspace_id uuid        not null references workspace (id),
    author       text        not null,
    state        text        not null,
    round        integer     not null default 0 check (round >= 0),
    context      text        not null,
    controls     text        not null,
    created_at   timestamptz not null,
    submitted_at timestamptz,
    released_at  timestamptz,
    package_sha256 text      check (package_sha256 ~ '^[0-9a-f]{64}$')
);
create index release_request_author on release_request (author);
create index release_request_state on release_request (state);
create index release_request_project on release_request (project_id);

-- A snapshot of each output at the time it was added, and the API's latest verdict on it.
create table release_output (
    release_id   uuid        not null references release_request (id),
    name         text        not null,
    job_id       uuid        not null,
    sql_sha256   text        not null,
    datasets     jsonb       not null,
    policy       text        not null,
    cell_table   text        not null,
    compute_sdc  text,
    verdict      text        check (verdict in ('pass', 'review', 'fail')),
    summary      text,
    record       text,
    added_at     timestamptz not null,
    primary key (release_id, name),
    unique (release_id, job_id)
);

create table release_vote (
    release_id uuid        not null references release_request (id),
    round      integer     not null,
    checker    text        not null,
    decision   text        not null check (decision in ('APPROVE', 'REQUEST_CHANGES', 'REJECT')),
    reason     text        not null,
    at         timestamptz not null,
    primary key (release_id, round, checker)
);

create table release_comment (
    id         bigserial   primary key,
    release_id uuid        not null references release_request (id),
    author     text        not null,
    visibility text        not null check (visibility in ('PRIVATE', 'PUBLIC')),
    text       text        not null,
    at         timestamptz not null
);
create index release_comment_release on release_comment (release_id);

-- Differencing flags found at each submission: checker-only (the difference is the disclosive figure).
create table release_flag (
    id         bigserial   primary key,
    release_id uuid        not null references release_request (id),
    round      integer     not null,
    left_ref   text        not null,
    right_ref  text        not null,
    pattern    text        not null,
    grp        text        not null,
    units      bigint      not null,
    value      double precision not null
);
create index release_flag_release on release_flag (release_id, round);

-- The ledger: every released table with the true units and value of each published cell, per project.
-- Never leaves the enclave; read by the differencing check of later requests.
create table released_table (
    release_id  uuid        not null references release_request (id),
    output_name text        not null,
    project_id  uuid        not null references project (id),
    released_at timestamptz not null,
    published   jsonb       not null,
    primary key (release_id, output_name)
);
create index released_table_project on released_table (project_id);
