-- The metadata index on PostgreSQL, with its own Flyway history (flyway_partitioned_index_history), in a database
-- of its own or beside the tasks. One table, decisions, partitioned by range of decided_at into one partition per
-- UTC day, decisions_yyyymmdd, which the index creates (with the day's primary key, on evaluation_id) before the
-- day's first decision is written, and drops, whole, when the day expires (see DayPartitions). The indexes are
-- declared here, on the parent, so that every partition gets them; each query names a time range, or reads the
-- partitions newest first under a limit, so that it touches only the days it needs.
CREATE TABLE decisions (
    evaluation_id VARCHAR NOT NULL,
    tenant VARCHAR NOT NULL,
    subject VARCHAR NOT NULL,
    decided_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    pipeline VARCHAR NOT NULL,
    decision VARCHAR NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    region VARCHAR,
    reasons VARCHAR NOT NULL
) PARTITION BY RANGE (decided_at);

CREATE INDEX decisions_by_subject ON decisions (tenant, subject, decided_at DESC, evaluation_id DESC);
CREATE INDEX decisions_by_decision ON decisions (tenant, decision, region, decided_at DESC, evaluation_id DESC);
