package org.seedplan.server;

import java.nio.file.Files;
import java.nio.file.Path;
import org.seedplan.storage.Database;

/** The server process of {@link KillNineTest}: serves the data folder {@code args[0]} and writes its port to {@code args[1]}. */
public final class KillNineChild {

    private KillNineChild() {
    }

    public static void main(String[] args) throws Exception {
        TestServer t = new TestServer(TestDatabases.Kind.SQLITE, Database.open(Path.of(args[0])));
        Path tmp = Path.of(args[1] + ".tmp");
        Files.writeString(tmp, Integer.toString(t.server.port()));
        Files.move(tmp, Path.of(args[1]));
        Thread.sleep(Long.MAX_VALUE);
    }
}
