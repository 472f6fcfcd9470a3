-- The audit log: append-only, hash-chained (audit.CanonicalForm), chain heads signed (audit_checkpoint).
create table audit_entry (
    seq          bigint      primary key check (seq > 0),
    at           timestamptz not null,
    actor        text        not null,
    action       text        not null,
    subject_type text        not null,
    subject_id   text        not null,
    outcome      text        not null check (outcome in ('DONE', 'ALLOWED', 'DENIED')),
    details      jsonb       not null,
    prev_hash    text        not null check (prev_hash ~ '^[0-9a-f]{64}$'),
    hash         text        not null unique check (hash ~ '^[0-9a-f]{64}$')
);
create index audit_entry_subject on audit_entry (subject_type, subject_id);

create table audit_checkpoint (
    seq       bigint      primary key,
    hash      text        not null,
    signed_at timestamptz not null,
    key_id    text        not null,
    signature text        not null
);

-- IMPORTANT: append-only in PostgreSQL itself. Only someone able to disable triggers (the table
-- owner or a superuser) can change history, and verification then names the first broken entry.
create function enclave_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit tables are append-only: % on % refused', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_entry_append_only before update or delete on audit_entry
    for each row execute function enclave_refuse_change();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function enclave_refuse_change();
create trigger audit_checkpoint_append_only before update or delete on audit_checkpoint
    for each row execute function enclave_refuse_change();
create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint
    for each statement execute function enclave_refuse_change();

revoke update, delete, truncate on audit_entry, audit_checkpoint from public;
