/**
 * The relational {@link dev.aegis.api.index.MetadataIndex}: {@link dev.aegis.jdbc.index.JdbcMetadataIndex}, on
 * embedded H2 in a database of its own and on PostgreSQL. Decisions are kept by UTC day, each day created on
 * demand and dropped whole when it expires: on PostgreSQL the partitions of one natively partitioned table, on H2
 * plain tables with a catalogue. Each {@code record} is one transaction of JDBC batch inserts.
 */
package dev.aegis.jdbc.index;
