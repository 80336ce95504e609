package org.seedplan.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One open transaction: a connection plus small helpers for parameterised SQL (no ORM). */
public final class Tx {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        /** The value of the current row. */
        T map(Row row) throws SQLException;
    }

    /** Visits rows one at a time; returns false to stop. */
    @FunctionalInterface
    public interface RowVisitor {
        /** Looks at the current row; false stops the scan. */
        boolean visit(Row row) throws SQLException;
    }

    private final Connection connection;
    private final Dialect dialect;
    private final List<Runnable> onRollback = new ArrayList<>();
    private final List<Runnable> onCompletion = new ArrayList<>();

    Tx(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    /** The JDBC connection (for statements the helpers do not cover). */
    public Connection connection() {
        return connection;
    }

    /** The database's dialect. */
    public Dialect dialect() {
        return dialect;
    }

    /** Registers work to undo outside the database (a file written for this transaction) if it rolls back. */
    public void onRollback(Runnable undo) {
        onRollback.add(undo);
    }

    List<Runnable> rollbackActions() {
        return onRollback;
    }

    /** Registers work to run when the transaction has ended, committed or rolled back (after any rollback actions). */
    public void onCompletion(Runnable action) {
        onCompletion.add(action);
    }

    List<Runnable> completionActions() {
        return onCompletion;
    }

    /** Runs an INSERT and returns the generated {@code id} column. */
    public long insert(String sql, Object... args) {
        try (PreparedStatement ps = connection.prepareStatement(sql + " RETURNING id")) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no id returned");
                }
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw translate("insert failed (" + firstWords(sql) + ")", e);
        }
    }

    /** Runs an INSERT, UPDATE or DELETE and returns the number of rows changed. */
    public int update(String sql, Object... args) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw translate("update failed (" + firstWords(sql) + ")", e);
        }
    }

    /** Runs one INSERT or UPDATE for each argument list, sent to the server in batches (bulk imports). */
    public void batch(String sql, List<Object[]> argLists) {
        if (argLists.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int n = 0;
            for (Object[] args : argLists) {
                bind(ps, args);
                ps.addBatch();
                if (++n % 500 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw translate("batch failed (" + firstWords(sql) + ")", e);
        }
    }

    /** Runs a query and maps every row. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                Row row = new Row(rs);
                while (rs.next()) {
                    out.add(mapper.map(row));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new StorageException("query failed (" + firstWords(sql) + ")", e);
        }
    }

    /** Runs a query and visits its rows one at a time without keeping them (for long tables). */
    public void scan(String sql, RowVisitor visitor, Object... args) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                Row row = new Row(rs);
                while (rs.next() && visitor.visit(row)) {
                    // visiting
                }
            }
        } catch (SQLException e) {
            throw new StorageException("query failed (" + firstWords(sql) + ")", e);
        }
    }

    /** Runs a query expected to give at most one row. */
    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) {
        List<T> rows = query(sql, mapper, args);
        if (rows.size() > 1) {
            throw new IllegalStateException("query gave " + rows.size() + " rows where at most one was expected: " + firstWords(sql));
        }
        return rows.stream().findFirst();
    }

    /** Runs a query whose first column of the first row is a number (a count, for example). */
    public long number(String sql, Object... args) {
        return one(sql, r -> r.longValue(1), args).orElse(0L);
    }

    private void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            int index = i + 1;
            if (a == null) {
                ps.setNull(index, java.sql.Types.NULL);
            } else if (a instanceof LocalDate d) {
                dialect.setDate(ps, index, d);
            } else if (a instanceof Instant t) {
                ps.setString(index, Times.format(t));
            } else if (a instanceof Enum<?> e) {
                ps.setString(index, e.name());
            } else if (a instanceof Boolean b) {
                ps.setBoolean(index, b);
            } else if (a instanceof Integer n) {
                ps.setInt(index, n);
            } else if (a instanceof Long n) {
                ps.setLong(index, n);
            } else if (a instanceof Double n) {
                ps.setDouble(index, n);
            } else if (a instanceof String s) {
                ps.setString(index, s);
            } else {
                throw new IllegalArgumentException("cannot bind " + a.getClass().getName() + " to SQL parameter " + index);
            }
        }
    }

    /**
     * A unique-key violation (two writers creating the same patient ID at once, for example) becomes an
     * {@link IllegalArgumentException} the caller can report; anything else is a {@link StorageException}.
     */
    private static RuntimeException translate(String what, SQLException e) {
        boolean unique = "23505".equals(e.getSQLState()) || e.getErrorCode() == 2067 || e.getErrorCode() == 1555
                || String.valueOf(e.getMessage()).contains("UNIQUE constraint failed");
        if (unique) {
            return new IllegalArgumentException("a record with the same unique key already exists (" + e.getMessage()
                    + "); reload and use the existing record");
        }
        return new StorageException(what, e);
    }

    private static String firstWords(String sql) {
        String s = sql.strip().replaceAll("\\s+", " ");
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    /** Typed, null-aware access to the current row of a result set. */
    public static final class Row {
        private final ResultSet rs;

        Row(ResultSet rs) {
            this.rs = rs;
        }

        /** The column as a long (0 when NULL). */
        public long longValue(int column) throws SQLException {
            return rs.getLong(column);
        }

        /** The column as a long (0 when NULL). */
        public long longValue(String column) throws SQLException {
            return rs.getLong(column);
        }

        /** The column as a Long, or {@code null}. */
        public Long longOrNull(String column) throws SQLException {
            long v = rs.getLong(column);
            return rs.wasNull() ? null : v;
        }

        /** The column as an Integer, or {@code null}. */
        public Integer intOrNull(String column) throws SQLException {
            int v = rs.getInt(column);
            return rs.wasNull() ? null : v;
        }

        /** The column as an int (0 when NULL). */
        public int intValue(String column) throws SQLException {
            return rs.getInt(column);
        }

        /** The column as a Double, or {@code null}. */
        public Double doubleOrNull(String column) throws SQLException {
            double v = rs.getDouble(column);
            return rs.wasNull() ? null : v;
        }

        /** The column as a Boolean, or {@code null}. */
        public Boolean boolOrNull(String column) throws SQLException {
            boolean v = rs.getBoolean(column);
            return rs.wasNull() ? null : v;
        }

        /** The column as a boolean (false when NULL). */
        public boolean bool(String column) throws SQLException {
            return rs.getBoolean(column);
        }

        /** The column as text, or {@code null}. */
        public String string(String column) throws SQLException {
            return rs.getString(column);
        }

        /** The column as a calendar date, or {@code null}. */
        public LocalDate date(String column) throws SQLException {
            String s = rs.getString(column);
            return s == null ? null : LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
        }

        /** The column as an instant, or {@code null}. */
        public Instant instant(String column) throws SQLException {
            return Times.parse(rs.getString(column));
        }

        /** The column as an enum constant, or {@code null}. */
        public <E extends Enum<E>> E enumValue(String column, Class<E> type) throws SQLException {
            String s = rs.getString(column);
            return s == null ? null : Enum.valueOf(type, s);
        }
    }
}
