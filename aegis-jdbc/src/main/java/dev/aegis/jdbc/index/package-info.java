/**
 * The relational {@link dev.aegis.api.index.MetadataIndex}: {@link dev.aegis.jdbc.index.JdbcMetadataIndex}, on
 * embedded H2 in a database of its own and on PostgreSQL. One table per UTC day, created on demand and dropped
 * whole when it expires; each {@code record} is one transaction of JDBC batch inserts.
 */
package dev.aegis.jdbc.index;
