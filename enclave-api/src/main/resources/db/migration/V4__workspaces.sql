create table workspace (
    id         uuid        primary key,
    project_id uuid        not null references project (id),
    owner      text        not null,
    state      text        not null,
    opened_at  timestamptz not null,
    expires_at timestamptz not null,
    ended_at   timestamptz,
    purged_at  timestamptz,
    check (opened_at < expires_at)
);
create index workspace_project on workspace (project_id);
create index workspace_owner on workspace (owner);
create index workspace_state on workspace (state);
