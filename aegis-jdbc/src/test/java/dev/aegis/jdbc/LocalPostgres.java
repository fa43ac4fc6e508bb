package dev.aegis.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The PostgreSQL server the ITs use: 127.0.0.1:5432, user postgres, no password (trust), as on CI. */
public final class LocalPostgres {

    public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    public static final String USER = "postgres";

    private LocalPostgres() {}

    /** Settings for a pool of four on {@code database}. */
    public static JdbcSettings settings(String database) {
        return new JdbcSettings(SERVER + database, USER, "", 4);
    }

    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(SERVER + database, USER, "");
    }

    /** Runs one statement; a refusal names the server and how to start one. */
    public static void execute(String database, String sql) {
        try (Connection connection = connect(database);
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
