package org.seedplan.cli.registry;

import java.nio.file.Path;
import org.seedplan.storage.Database;
import picocli.CommandLine.Option;

/** The options that name the registry database: {@code --data DIR} (embedded) or {@code --db URL} (PostgreSQL). */
public final class RegistryDatabaseOptions {

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder of the embedded database (default ~/.seedplan/data).")
    Path data;

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "PostgreSQL database instead (jdbc:postgresql://…).")
    String db;

    /** Opens (and migrates) the registry database these options name. */
    public Database open() {
        return Database.open(data != null ? data : Database.defaultDataFolder(), db);
    }

    /** Refuses an embedded data folder without a registry database (an export must not create an empty one). */
    public void requireExisting() {
        Path folder = data != null ? data : Database.defaultDataFolder();
        if (db == null && !java.nio.file.Files.isRegularFile(folder.resolve(Database.EMBEDDED_FILE))) {
            throw new IllegalArgumentException("--data " + folder + " holds no registry database (" + Database.EMBEDDED_FILE
                    + "): give the data folder of seedplan serve, or --db for PostgreSQL");
        }
    }
}
