-- The shared task queue of a cluster (JdbcTaskQueue, PostgreSQL): one row per queued or leased task, holding the
-- task as it was offered and its lease. Nodes claim rows with FOR UPDATE SKIP LOCKED, so no two hold one lease.
-- The embedded queue lives in the JVM and leaves this table empty.
CREATE TABLE task_queue (
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
    status          VARCHAR(16)                 NOT NULL,
    attempts        INTEGER                     NOT NULL,
    run_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    result          VARCHAR,
    error           VARCHAR,
    updated_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version         BIGINT                      NOT NULL,
    history         VARCHAR                     NOT NULL,
    -- when the task became ready to run: its run_at, or when it was offered if that was later
    ready_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    -- 0 for a CRITICAL task, 1 for any other: what a lower priority's turn orders by first
    below_critical  SMALLINT                    NOT NULL,
    -- when it was offered (a newer copy replaces a row whose lease expired before this)
    offered_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    -- offer order, which breaks ties of ready_at
    offer_seq       BIGINT                      NOT NULL,
    lease_token     BIGINT,
    lease_expires   TIMESTAMP(6) WITH TIME ZONE,
    deliveries      INTEGER                     NOT NULL,
    CONSTRAINT task_queue_pk PRIMARY KEY (id)
);

-- Claims walk this index: most urgent priority first, then the longest ready.
CREATE INDEX task_queue_by_readiness ON task_queue (priority, ready_at, offer_seq);

-- A lower priority's turn (tasks.lower_priority_share of the claims): CRITICAL first, then the longest ready.
CREATE INDEX task_queue_by_age ON task_queue (below_critical, ready_at, offer_seq);

CREATE SEQUENCE task_queue_offers;
CREATE SEQUENCE task_queue_leases;
