-- Tasks in two tables: what a task is (written once, at create) and where it is in its life (written by every
-- move). An update then rewrites a narrow row and its two index entries, not the input and four indexes.
-- Runs on H2 and PostgreSQL. JSON is kept as text (input, result, history); instants as TIMESTAMP(6) WITH TIME
-- ZONE, in microseconds.
CREATE TABLE tasks (
    id              VARCHAR                     NOT NULL,
    tenant          VARCHAR                     NOT NULL,
    target_kind     VARCHAR(16)                 NOT NULL,
    target_name     VARCHAR                     NOT NULL,
    priority        SMALLINT                    NOT NULL,
    input           VARCHAR                     NOT NULL,
    idempotency_key VARCHAR,
    max_attempts    INTEGER                     NOT NULL,
    timeout_ms      BIGINT                      NOT NULL,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT tasks_pk PRIMARY KEY (id)
);

CREATE TABLE task_states (
    id              VARCHAR                     NOT NULL,
    status          VARCHAR(16)                 NOT NULL,
    attempts        INTEGER                     NOT NULL,
    run_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    result          VARCHAR,
    error           VARCHAR,
    updated_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version         BIGINT                      NOT NULL,
    history         VARCHAR                     NOT NULL,
    CONSTRAINT task_states_pk PRIMARY KEY (id),
    CONSTRAINT task_states_task FOREIGN KEY (id) REFERENCES tasks (id)
);

-- Listing a tenant's tasks, newest first; status and priority filters are checked on the rows it reads.
CREATE INDEX tasks_by_tenant ON tasks (tenant, id DESC);

-- Replaying unfinished tasks: one range per non-terminal status, each read in id order.
CREATE INDEX task_states_by_status ON task_states (status, id);

-- One task per idempotency key and tenant (NULL keys never collide); the key leads, so a batch's keys are
-- looked up with one "idempotency_key = ANY(?)".
CREATE UNIQUE INDEX tasks_by_idempotency_key ON tasks (idempotency_key, tenant);
