-- The metadata index, in a database of its own (the embedded node keeps it apart from the tasks) or beside the
-- tasks in one PostgreSQL database, with its own Flyway history (flyway_index_history). Runs on H2 and PostgreSQL.
-- Decisions live in one table per UTC day, decisions_yyyymmdd, which the index creates when the day's first
-- decision arrives and drops, whole, when the day expires (see DayTables for its columns and indexes). This table
-- catalogues the days that have a table, so that a query walks only those and expiry finds them without a scan.
CREATE TABLE decision_days (
    utc_day DATE NOT NULL,
    CONSTRAINT decision_days_pk PRIMARY KEY (utc_day)
);
