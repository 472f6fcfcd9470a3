create table project (
    id              uuid        primary key,
    title           text        not null,
    purpose         text        not null,
    legal_basis     text        not null,
    author          text        not null,
    state           text        not null,
    requested_from  timestamptz not null,
    requested_until timestamptz not null,
    valid_from      timestamptz,
    valid_until     timestamptz,
    decided_by      text,
    decided_at      timestamptz,
    decision_reason text,
    closed_by       text,
    closed_at       timestamptz,
    closed_reason   text,
    created_at      timestamptz not null,
    check (requested_from < requested_until),
    check (valid_from is null or valid_from < valid_until)
);
create index project_state on project (state);

create table project_member (
    project_id uuid not null references project (id),
    username   text not null,
    primary key (project_id, username)
);
create index project_member_username on project_member (username);

create table project_requested_column (
    project_id  uuid not null references project (id),
    dataset_id  uuid not null references dataset (id),
    column_name text not null,
    primary key (project_id, dataset_id, column_name)
);

create table project_granted_column (
    project_id  uuid not null references project (id),
    dataset_id  uuid not null references dataset (id),
    column_name text not null,
    primary key (project_id, dataset_id, column_name),
    foreign key (project_id, dataset_id, column_name)
        references project_requested_column (project_id, dataset_id, column_name)
);

-- The project key, wrapped (AES key wrap, RFC 3394) under the key-encryption key kek_id.
-- Destroyed = wrapped set to null and destroyed_at set; the row stays as evidence.
create table project_key (
    project_id   uuid        primary key references project (id),
    kek_id       text        not null,
    wrapped      bytea,
    created_at   timestamptz not null,
    destroyed_at timestamptz,
    check ((wrapped is null) = (destroyed_at is not null))
);
