package dev.aegis.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database of its own on the local PostgreSQL (127.0.0.1:5432, user postgres, trust auth, as on CI) for a cluster
 * IT: created empty, dropped after, and queried directly to count what the nodes stored.
 */
final class TestDatabase {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    static TestDatabase create(String prefix) throws SQLException {
        TestDatabase database = new TestDatabase(prefix + "_" + UUID.randomUUID().toString().replace("-", ""));
        execute("postgres", "CREATE DATABASE " + database.name);
        return database;
    }

    String name() {
        return name;
    }

    String url() {
        return SERVER + name;
    }

    void drop() throws SQLException {
        execute("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** The single integer that {@code sql} selects. */
    int count(String sql) throws SQLException {
        try (Connection connection = connect(name);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    Connection connect() throws SQLException {
        return connect(name);
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(SERVER + database, "postgres", "");
    }

    private static void execute(String database, String sql) throws SQLException {
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
