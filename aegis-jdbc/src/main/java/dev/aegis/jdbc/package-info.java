/**
 * Relational plumbing shared by the JDBC adapters: {@link dev.aegis.jdbc.JdbcSettings} say where the database
 * is, {@link dev.aegis.jdbc.JdbcDatabase} opens a connection pool on it, brings the schema up to date with Flyway
 * and runs work in transactions. H2 (embedded) and PostgreSQL (cluster) run the same migrations.
 */
package dev.aegis.jdbc;
