package org.seedplan.server.dicom;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The test JVM of {@link PacsFixtureLifetimeTest}: starts the shared Orthanc, writes Orthanc's process id to {@code args[0]}
 * and waits to be killed.
 */
public final class PacsFixtureChild {

    private PacsFixtureChild() {
    }

    public static void main(String[] args) throws Exception {
        PacsFixture f = PacsFixture.orthanc();
        long pid = f.process.descendants().filter(h -> h.info().command().orElse("").endsWith("Orthanc")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no Orthanc process under " + f.process.pid())).pid();
        Path tmp = Path.of(args[0] + ".tmp");
        Files.writeString(tmp, Long.toString(pid));
        Files.move(tmp, Path.of(args[0]));
        Thread.sleep(Long.MAX_VALUE);
    }
}
