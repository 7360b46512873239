package org.embedrec.io.rows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;

import org.embedrec.io.DataFormatException;

/**
 * The rows of an SQL query over any JDBC database whose driver is on the class path. Values are
 * read with {@link ResultSet#getString}, so numbers and timestamps reach the loader as the database
 * prints them and are validated like a file's.
 *
 * <p><b>Credentials</b> never come from the command line or appear in messages: the user name is
 * {@value #USER_VARIABLE} and the password is {@value #PASSWORD_VARIABLE}, or the first line of the
 * file named by {@value #PASSWORD_FILE_VARIABLE}. A URL may also carry them itself (then
 * {@link #name()} shows the URL without its query string, where drivers put them).
 */
public final class JdbcRowSource implements RowSource {
    /** Environment variable holding the database user. */
    public static final String USER_VARIABLE = "EMBEDREC_DB_USER";
    /** Environment variable holding the database password. */
    public static final String PASSWORD_VARIABLE = "EMBEDREC_DB_PASSWORD";
    /** Environment variable naming a file whose first line is the database password. */
    public static final String PASSWORD_FILE_VARIABLE = "EMBEDREC_DB_PASSWORD_FILE";

    /** Rows fetched per round trip; large enough for throughput, small enough to stream. */
    private static final int FETCH_SIZE = 10_000;

    private final String name;
    private final Connection connection;
    private final Statement statement;
    private final ResultSet results;
    private final List<String> columns;
    private long row;

    private JdbcRowSource(String name, Connection connection, Statement statement, ResultSet results,
                          List<String> columns) {
        this.name = name;
        this.connection = connection;
        this.statement = statement;
        this.results = results;
        this.columns = columns;
    }

    /** Runs {@code query} against {@code url} with the credentials of the process environment. */
    public static JdbcRowSource open(String url, String query) {
        return open(url, query, System.getenv());
    }

    /**
     * Runs {@code query} against {@code url} with the credentials found in {@code environment}.
     *
     * @throws DataFormatException naming the database (without credentials) and the driver's message
     */
    public static JdbcRowSource open(String url, String query, Map<String, String> environment) {
        String name = describe(url, query);
        Connection connection = null;
        try {
            connection = DriverManager.getConnection(url, credentials(environment, name));
            // PostgreSQL streams a result only outside auto-commit; other drivers ignore the hint.
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(FETCH_SIZE);
            return start(name, connection, statement, statement.executeQuery(query));
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new DataFormatException(Path.of(name), name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code query} with {@code parameters} bound to its {@code ?} placeholders on a connection
     * the caller opened (e.g. an embedded DuckDB reading a Parquet file with
     * {@code SELECT * FROM read_parquet(?)}). The source owns the connection from then on and closes it
     * with itself, also when the query fails.
     *
     * @param name names the source in messages, e.g. the file the query reads
     * @throws DataFormatException naming {@code name} and the driver's message
     */
    public static JdbcRowSource open(Connection connection, String name, String query, List<?> parameters) {
        try {
            PreparedStatement statement = connection.prepareStatement(query, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(FETCH_SIZE);
            for (int p = 0; p < parameters.size(); p++) {
                statement.setObject(p + 1, parameters.get(p));
            }
            return start(name, connection, statement, statement.executeQuery());
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new DataFormatException(Path.of(name), name + ": " + e.getMessage(), e);
        }
    }

    private static JdbcRowSource start(String name, Connection connection, Statement statement, ResultSet results)
            throws SQLException {
        ResultSetMetaData meta = results.getMetaData();
        List<String> columns = new ArrayList<>(meta.getColumnCount());
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            columns.add(meta.getColumnLabel(c));
        }
        return new JdbcRowSource(name, connection, statement, results, List.copyOf(columns));
    }

    /** The URL without parameters (where drivers accept passwords) and the query, for messages. */
    static String describe(String url, String query) {
        int parameters = url.indexOf('?');
        String bare = parameters < 0 ? url : url.substring(0, parameters);
        String flatQuery = query.strip().replaceAll("\\s+", " ");
        return bare + " [" + (flatQuery.length() > 80 ? flatQuery.substring(0, 77) + "..." : flatQuery) + "]";
    }

    private static Properties credentials(Map<String, String> environment, String name) {
        Properties properties = new Properties();
        String user = environment.get(USER_VARIABLE);
        if (user != null) {
            properties.setProperty("user", user);
        }
        String password = environment.get(PASSWORD_VARIABLE);
        String passwordFile = environment.get(PASSWORD_FILE_VARIABLE);
        if (password == null && passwordFile != null) {
            try {
                List<String> lines = Files.readAllLines(Path.of(passwordFile));
                password = lines.isEmpty() ? "" : lines.get(0);
            } catch (java.io.IOException e) {
                throw new DataFormatException(Path.of(name), name + ": cannot read the password file named by "
                        + PASSWORD_FILE_VARIABLE + " (" + passwordFile + "): " + e.getMessage(), e);
            }
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return properties;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        try {
            if (!results.next()) {
                return false;
            }
            row++;
            return true;
        } catch (SQLException e) {
            throw new DataFormatException(Path.of(name), name + ": row " + (row + 1) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String value(int column) {
        try {
            return results.getString(column + 1);
        } catch (SQLException e) {
            throw new DataFormatException(Path.of(name), name + ": row " + row + ", column "
                    + columns.get(column) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String position() {
        return "row " + row;
    }

    @Override
    public String text() {
        StringJoiner joined = new StringJoiner(",");
        for (int c = 0; c < columns.size(); c++) {
            joined.add(String.valueOf(value(c)));
        }
        return joined.toString();
    }

    @Override
    public void close() {
        try (connection; statement; results) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            // Only read: nothing to lose by a failed close.
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already failing with the cause that matters.
            }
        }
    }
}
