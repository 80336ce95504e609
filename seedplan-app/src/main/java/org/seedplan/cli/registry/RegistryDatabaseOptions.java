package org.seedplan.cli.registry;

import java.nio.file.Path;
import org.seedplan.storage.Database;
import picocli.CommandLine.Option;

/** The options that name the registry database ({@code --data DIR} or {@code --db URL}) and the centre ({@code --centre CODE}). */
final class RegistryDatabaseOptions {

    private static final String POOL_LOG_LEVEL = "org.slf4j.simpleLogger.log.com.zaxxer.hikari";

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder of the embedded database (default ~/.seedplan/data).")
    Path data;

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "PostgreSQL database instead (jdbc:postgresql://…).")
    String db;

    @Option(names = "--centre", required = true, paramLabel = "CODE", description = "Code of the centre, e.g. MAIN.")
    String centre;

    /** Opens (and migrates) the registry database these options name. */
    Database open() {
        // the connection pool's start and stop messages are not the command's output
        if (System.getProperty(POOL_LOG_LEVEL) == null) {
            System.setProperty(POOL_LOG_LEVEL, "warn");
        }
        return Database.open(data != null ? data : Database.defaultDataFolder(), db);
    }

    /** Refuses an embedded data folder without a registry database (an export must not create an empty one). */
    void requireExisting() {
        Path folder = data != null ? data : Database.defaultDataFolder();
        if (db == null && !java.nio.file.Files.isRegularFile(folder.resolve(Database.EMBEDDED_FILE))) {
            throw new IllegalArgumentException("--data " + folder + " holds no registry database (" + Database.EMBEDDED_FILE
                    + "): give the data folder of seedplan serve, or --db for PostgreSQL");
        }
    }

    /** The centre code, trimmed; refused when blank. */
    String centreCode() {
        String code = centre == null ? "" : centre.trim();
        if (code.isEmpty()) {
            throw new IllegalArgumentException("--centre is empty: give the code of a centre, e.g. --centre MAIN");
        }
        return code;
    }
}
