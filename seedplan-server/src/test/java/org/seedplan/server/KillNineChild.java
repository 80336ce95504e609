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
        TestServer t = new TestServer(postgres ? TestDatabases.Kind.POSTGRESQL : TestDatabases.Kind.SQLITE,
                Database.open(Path.of(args[0]), postgres ? args[2] : null));
        Path tmp = Path.of(args[1] + ".tmp");
        Files.writeString(tmp, Integer.toString(t.server.port()));
        Files.move(tmp, Path.of(args[1]));
        Thread.sleep(Long.MAX_VALUE);
    }
}
