-- Governance (issue #9): deadlines, appeals, consultation, public register, dataset feedback.
-- Additive only: new nullable columns on project, new tables.

-- Where the applicants work (shown in the public register); null for applications made before.
alter table project add column institution text;
-- When the application was submitted: the start of the committee's response time.
alter table project add column submitted_at timestamptz;
-- Applications submitted before this migration: the audit log holds the moment.
update project p set submitted_at = (
    select min(a.at) from audit_entry a
    where a.subject_type = 'project' and a.subject_id = p.id::text and a.action = 'project.submitted')
where p.submitted_at is null and p.state <> 'DRAFT';

-- One appeal per project at most (the primary key says "only once" as well as the lifecycle).
-- The rejection it answers is copied here, because deciding the appeal overwrites the project's decision.
create table project_appeal (
    project_id       uuid        primary key references project (id),
    grounds          text        not null,
    appealed_by      text        not null,
    appealed_at      timestamptz not null,
    rejected_by      text        not null,
    rejected_at      timestamptz not null,
    rejection_reason text        not null
);

-- A member's consent to have their name in the public register; no row = no consent.
create table register_consent (
    project_id uuid        not null references project (id),
    username   text        not null,
    consent    boolean     not null,
    at         timestamptz not null,
    primary key (project_id, username),
    foreign key (project_id, username) references project_member (project_id, username)
);

-- Overdue reminders: one row per reminder (its audit entry is written in the same transaction).
create table application_reminder (
    project_id uuid        not null references project (id),
    stage      text        not null check (stage in ('SUBMITTED', 'APPEALED')),
    sent_at    timestamptz not null,
    primary key (project_id, stage, sent_at)
);

-- The committee asks a steward or an external expert for an opinion before deciding.
create table consultation (
    id           uuid        primary key,
    project_id   uuid        not null references project (id),
    stage        text        not null check (stage in ('SUBMITTED', 'APPEALED')),
    kind         text        not null check (kind in ('STEWARD', 'EXPERT')),
    consultee    text        not null,
    question     text        not null,
    requested_by text        not null,
    requested_at timestamptz not null,
    opinion      text,
    answered_at  timestamptz,
    check ((opinion is null) = (answered_at is null))
);
create index consultation_project on consultation (project_id);
create index consultation_consultee on consultation (consultee);

-- Reusers' feedback to the steward on a dataset version.
create table dataset_feedback (
    id         uuid        primary key,
    dataset_id uuid        not null references dataset (id),
    version    integer     not null,
    author     text        not null,
    rating     integer     check (rating between 1 and 5),
    text       text        not null,
    at         timestamptz not null,
    foreign key (dataset_id, version) references dataset_version (dataset_id, number)
);
create index dataset_feedback_version on dataset_feedback (dataset_id, version);
