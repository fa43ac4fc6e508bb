/**
 * The relational {@link dev.aegis.api.task.TaskStore}: {@link dev.aegis.jdbc.task.JdbcTaskStore}, on embedded H2
 * by default and on PostgreSQL in a cluster. One row a task; each batch of creates or updates is one transaction
 * of JDBC batch statements.
 */
package dev.aegis.jdbc.task;
