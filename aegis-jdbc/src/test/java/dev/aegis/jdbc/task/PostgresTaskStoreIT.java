package dev.aegis.jdbc.task;

import dev.aegis.api.task.TaskStore;
import dev.aegis.jdbc.JdbcSettings;
import dev.aegis.testkit.task.TaskStoreContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store passes the task store contract on a real PostgreSQL at 127.0.0.1:5432 (user postgres, no password),
 * in a database of its own that the migrations build and that is dropped afterwards. Without a server every test
 * fails: CI starts one, and so must a developer.
 */
class PostgresTaskStoreIT extends TaskStoreContract {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String USER = "postgres";
    private static final String DATABASE = "aegis_it_" + UUID.randomUUID().toString().replace("-", "");

    @BeforeAll
    static void createDatabase() {
        execute("postgres", "CREATE DATABASE " + DATABASE);
    }

    @AfterAll
    static void dropDatabase() {
        execute("postgres", "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }

    @Override
    protected TaskStore createStore() {
        JdbcTaskStore store = JdbcTaskStore.open(new JdbcSettings(SERVER + DATABASE, USER, "", 4));
        execute(DATABASE, "TRUNCATE tasks");
        return store;
    }

    private static void execute(String database, String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER + database, USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + SERVER + database + " (user " + USER
                    + ", no password) refused \"" + sql + "\": " + e.getMessage()
                    + ". These tests need a running server: start one, e.g. "
                    + "docker run -d -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:15", e);
        }
    }
}
