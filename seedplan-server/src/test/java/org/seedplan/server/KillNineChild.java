package org.seedplan.server;

import java.nio.file.Files;
import java.nio.file.Path;
import org.seedplan.storage.Database;

/**
 * The server process of {@link KillNineTest}: serves the data folder {@code args[0]} (with the PostgreSQL database
 * {@code args[2]} when given, else the embedded one) and writes its port to {@code args[1]}.
 */
public final class KillNineChild {

    private KillNineChild() {
    }

    public static void main(String[] args) throws Exception {
        boolean postgres = args.length > 2;
        Path data = Path.of(args[0]);
        // as seedplan serve starts: the scratch folder in the data folder first, SQLite's native library loaded from it
        ScratchFolder scratch = ScratchFolder.beforeDatabase(data, !postgres);
        TestServer t = new TestServer(postgres ? TestDatabases.Kind.POSTGRESQL : TestDatabases.Kind.SQLITE,
                Database.open(data, postgres ? args[2] : null), scratch);
        Path tmp = Path.of(args[1] + ".tmp");
        Files.writeString(tmp, Integer.toString(t.server.port()));
        Files.move(tmp, Path.of(args[1]));
        Thread.sleep(Long.MAX_VALUE);
    }
}
