create table dataset (
    id             uuid        primary key,
    name           text        not null unique,
    description    text        not null,
    owner          text        not null,
    sensitivity    text        not null,
    licence        text        not null,
    retention_days integer     not null check (retention_days > 0),
    created_by     text        not null,
    created_at     timestamptz not null
);

-- Versions are immutable: no UPDATE path exists in the code, and a trigger refuses one.
create table dataset_version (
    id              uuid        primary key,
    dataset_id      uuid        not null references dataset (id),
    number          integer     not null check (number > 0),
    location        text        not null,
    manifest_sha256 text        not null,
    rows_out        bigint      not null,
    registered_by   text        not null,
    registered_at   timestamptz not null,
    unique (dataset_id, number)
);

create table dataset_column (
    version_id  uuid    not null references dataset_version (id),
    position    integer not null,
    name        text    not null,
    type        text    not null,
    role        text    not null,
    description text    not null,
    value_set   text[],
    primary key (version_id, name),
    unique (version_id, position)
);

create trigger dataset_version_immutable before update or delete on dataset_version
    for each row execute function enclave_refuse_change();
create trigger dataset_column_immutable before update or delete on dataset_column
    for each row execute function enclave_refuse_change();
