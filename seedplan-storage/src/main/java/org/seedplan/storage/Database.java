package org.seedplan.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Function;
import org.sqlite.SQLiteConfig;

/**
 * The registry database: the embedded SQLite file {@code seedplan.db} in the data folder (WAL journal,
 * synchronous=FULL, so a committed transaction survives kill -9 and power loss) or a PostgreSQL server,
 * with a connection pool. Migrations are applied when it opens. The data folder also holds the DICOM files.
 *
 * <p>{@link #inTransaction} runs work in one transaction, joining the caller's transaction when the calling
 * thread is already inside one, so that repository calls compose: a change and its audit rows commit together.
 *
 * <p>Reads outside a transaction use a second pool of read-only connections, so that a reader never waits for a
 * connection held by a writer queued on SQLite's single write lock (in WAL mode readers do not block on writers);
 * a read nested in another read on the same thread reuses that read's connection.
 */
public final class Database implements AutoCloseable {

    /** File name of the embedded database inside the data folder. */
    public static final String EMBEDDED_FILE = "seedplan.db";
    /** How long an embedded-database writer waits for another writer, ms. */
    static final int BUSY_TIMEOUT_MS = 30_000;

    /** Connections of the write pool: SQLite has one writer at a time, the others wait on its lock. */
    static final int SQLITE_WRITE_CONNECTIONS = 8;
    /** Connections of the read pool on SQLite (readers run in parallel in WAL mode). */
    static final int SQLITE_READ_CONNECTIONS = 32;
    /** Connections of the write pool on PostgreSQL; its read pool has twice as many (measured: with 16, reads of 50 users queued for a connection). */
    static final int POSTGRES_CONNECTIONS = 16;

    /** sqlite-jdbc's system property naming the folder its native library is extracted into. */
    private static final String SQLITE_TMPDIR = "org.sqlite.tmpdir";

    private final HikariDataSource pool;
    private HikariDataSource readPool;
    private final ThreadLocal<Tx> currentRead = new ThreadLocal<>();
    private final Dialect dialect;
    private final Path dataFolder;
    private final ThreadLocal<Tx> current = new ThreadLocal<>();
    private final FolderLock lock;

    private Database(HikariDataSource pool, Dialect dialect, Path dataFolder, FolderLock lock) {
        this.pool = pool;
        this.dialect = dialect;
        this.dataFolder = dataFolder;
        this.lock = lock;
    }

    /** The default data folder, {@code ~/.seedplan/data}. */
    public static Path defaultDataFolder() {
        return Path.of(System.getProperty("user.home"), ".seedplan", "data");
    }

    /**
     * Loads the embedded database's native library now, extracting it into {@code folder} rather than the system's
     * temporary folder, where sqlite-jdbc leaves {@code sqlite-*.so} and its {@code .lck} behind when the process is killed
     * (it deletes them only on a normal exit); a server passes its scratch folder, which the next server sweeps. Nothing is
     * done when this JVM has the library loaded already; {@code -Dorg.sqlite.tmpdir} given by the user is honoured.
     */
    public static synchronized void loadEmbeddedEngine(Path folder) {
        String given = System.getProperty(SQLITE_TMPDIR);
        if (given == null) {
            System.setProperty(SQLITE_TMPDIR, folder.toAbsolutePath().toString());
        }
        try {
            org.sqlite.SQLiteJDBCLoader.initialize();
        } catch (Exception e) {
            throw new IllegalStateException("the embedded database's native library cannot be loaded from "
                    + (given != null ? given : folder) + " (" + e.getMessage() + "): the folder must be writable and allow"
                    + " executables (not mounted noexec), or give -D" + SQLITE_TMPDIR + "=FOLDER", e);
        } finally {
            if (given == null) {
                System.clearProperty(SQLITE_TMPDIR); // the folder is the caller's to delete: no later extraction goes there
            }
        }
    }

    /** Opens (creating it if needed) the embedded database in {@code dataFolder} and migrates it. */
    public static Database open(Path dataFolder) {
        return open(dataFolder, null);
    }

    /**
     * Opens the database and migrates it: PostgreSQL when {@code jdbcUrl} is given (e.g.
     * {@code jdbc:postgresql://db:5432/seedplan?user=seedplan}), else the embedded database in {@code dataFolder}.
     * The data folder keeps the DICOM files in both cases.
     */
    public static Database open(Path dataFolder, String jdbcUrl) {
        try {
            Files.createDirectories(dataFolder);
        } catch (IOException e) {
            throw new UncheckedIOException("data folder " + dataFolder + " cannot be created (" + e.getMessage() + ")", e);
        }
        String url = jdbcUrl != null ? jdbcUrl : "jdbc:sqlite:" + dataFolder.toAbsolutePath().resolve(EMBEDDED_FILE);
        Dialect dialect = Dialect.of(url);
        // the embedded database and its DICOM folder belong to one process (the orphan sweep relies on it)
        FolderLock lock = dialect == Dialect.SQLITE ? FolderLock.acquire(dataFolder) : null;
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(poolConfig(url, dialect, false));
        } catch (RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            throw new IllegalArgumentException("database " + redact(url) + " cannot be opened (" + rootMessage(e)
                    + "); check the URL, that the server runs and the user may connect", e);
        }
        Database db = new Database(pool, dialect, dataFolder.toAbsolutePath(), lock);
        try {
            try {
                db.migrate();
            } catch (Migrations.NewerSchemaException e) {
                String where = dialect == Dialect.SQLITE
                        ? "data folder " + dataFolder + " (" + EMBEDDED_FILE + ")"
                        : "database " + redact(url);
                throw new IllegalArgumentException(where + " is at schema version " + e.databaseVersion() + " (" + e.databaseMigration()
                        + "), newer than this seedplan's schema version " + e.knownVersion() + ": a newer seedplan has migrated it;"
                        + " use that seedplan (or a newer one) on it (nothing was changed)", e);
            }
            // opened after the migrations: a read-only SQLite connection cannot create the file or its WAL
            db.readPool = new HikariDataSource(poolConfig(url, dialect, true));
            db.checkDurability();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** The configuration of the write pool or of the read-only pool. */
    private static HikariConfig poolConfig(String url, Dialect dialect, boolean readOnly) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName(readOnly ? "seedplan-read" : "seedplan");
        if (dialect == Dialect.SQLITE) {
            SQLiteConfig sqlite = new SQLiteConfig();
            sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
            sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            sqlite.setBusyTimeout(BUSY_TIMEOUT_MS);
            sqlite.enforceForeignKeys(true);
            if (readOnly) {
                sqlite.setReadOnly(true); // opened read-only; the pool's read-only flag below then agrees with it
            } else {
                // a transaction takes the write lock when it begins: no upgrade deadlock between two writers
                sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            }
            config.setDataSourceProperties(sqlite.toProperties());
            config.setMaximumPoolSize(readOnly ? SQLITE_READ_CONNECTIONS : SQLITE_WRITE_CONNECTIONS);
        } else {
            config.setMaximumPoolSize(readOnly ? 2 * POSTGRES_CONNECTIONS : POSTGRES_CONNECTIONS);
        }
        config.setReadOnly(readOnly);
        config.setConnectionTimeout(BUSY_TIMEOUT_MS);
        return config;
    }

    private void migrate() {
        try (Connection c = pool.getConnection()) {
            Migrations.apply(c, dialect, Migrations.bundled());
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw new StorageException("migrating the database failed", e);
        }
    }

    /** Confirms the embedded database really runs with the WAL journal and synchronous=FULL. */
    private void checkDurability() {
        if (dialect != Dialect.SQLITE) {
            return;
        }
        String journal = read(tx -> tx.one("PRAGMA journal_mode", r -> r.string("journal_mode")).orElse(""));
        long sync = read(tx -> tx.number("PRAGMA synchronous"));
        if (!journal.equalsIgnoreCase("wal") || sync != 2) {
            throw new IllegalStateException("embedded database runs with journal_mode=" + journal + ", synchronous=" + sync
                    + "; expected wal and 2 (FULL): the file system of " + dataFolder + " may not support WAL");
        }
    }

    /** The database engine. */
    public Dialect dialect() {
        return dialect;
    }

    /** The data folder (DICOM files live under it). */
    public Path dataFolder() {
        return dataFolder;
    }

    /**
     * Runs {@code work} in a transaction and commits it; rolls back (and runs the transaction's
     * {@link Tx#onRollback} actions) when it throws. Inside another transaction on this thread, joins it.
     * A transaction PostgreSQL aborts as a deadlock victim or serialisation failure is run again (at most
     * {@value #ATTEMPTS} times in all), so {@code work} must not have effects outside the database other than
     * those it undoes through {@link Tx#onRollback}.
     */
    public <T> T inTransaction(Function<Tx, T> work) {
        Tx joined = current.get();
        if (joined != null) {
            return work.apply(joined);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (StorageException e) {
                if (attempt >= ATTEMPTS || !retryable(e)) {
                    throw e;
                }
                backOff(attempt, e);
            }
        }
    }

    /** Tries of a transaction that PostgreSQL aborts for a deadlock or serialisation failure. */
    static final int ATTEMPTS = 3;

    private <T> T once(Function<Tx, T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            Tx tx = new Tx(c, dialect);
            current.set(tx);
            try {
                T result = work.apply(tx);
                c.commit();
                return result;
            } catch (RuntimeException | Error e) {
                rollback(c, tx, e);
                throw e;
            } catch (SQLException e) {
                rollback(c, tx, e);
                throw e;
            } finally {
                current.remove();
                for (Runnable done : tx.completionActions()) {
                    done.run();
                }
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageException("transaction failed", e);
        }
    }

    /** Waits a little (random, growing) so that the transaction that won the deadlock finishes first. */
    private static void backOff(int attempt, RuntimeException cause) {
        try {
            Thread.sleep(20L * attempt + java.util.concurrent.ThreadLocalRandom.current().nextInt(30));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }

    private static boolean retryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().equals("40P01") || s.getSQLState().equals("40001"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs read-only {@code work}: inside the caller's transaction if there is one, else in the read this thread is
     * already running, else on a connection of the read-only pool in auto-commit (it may not write).
     */
    public <T> T read(Function<Tx, T> work) {
        Tx joined = current.get() != null ? current.get() : currentRead.get();
        if (joined != null) {
            return work.apply(joined);
        }
        HikariDataSource source = readPool != null ? readPool : pool;
        try (Connection c = source.getConnection()) {
            Tx tx = new Tx(c, dialect);
            currentRead.set(tx);
            try {
                return work.apply(tx);
            } finally {
                currentRead.remove();
            }
        } catch (SQLException e) {
            throw new StorageException("query failed", e);
        }
    }

    private static void rollback(Connection c, Tx tx, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
        for (Runnable undo : tx.rollbackActions()) {
            try {
                undo.run();
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }

    /** Runs one statement outside the migrations (tests and maintenance only). */
    void execute(String sql) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new StorageException("statement failed", e);
        }
    }

    @Override
    public void close() {
        if (readPool != null) {
            readPool.close();
        }
        pool.close();
        if (lock != null) {
            lock.close();
        }
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
