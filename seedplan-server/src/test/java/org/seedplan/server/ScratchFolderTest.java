package org.seedplan.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.storage.account.Role;

/**
 * The server leaves none of its temporary files behind ({@link ScratchFolder}, docs/server.md): after a DICOM upload that is
 * stored, one refused as not DICOM, one refused for a centre the user may not edit (404), and one cut off half-way (the client
 * closes its connection with a third of the body sent, while Jetty spools the part to disk), the server's scratch folder is
 * empty within 10 s (Jetty deletes a spooled part just after the answer has gone: 0–200 ms seen on a loaded machine); when
 * the server stops, the folder is gone.
 */
class ScratchFolderTest {

    @Test
    void uploadsStoredRefusedOrCutOffLeaveNothingAndTheStopDeletesTheFolder() throws Exception {
        Path scratch;
        try (TestServer t = new TestServer(TestDatabases.Kind.SQLITE)) {
            scratch = t.services.scratch().root();
            assertThat(scratch.getParent()).as("in the data folder").isEqualTo(t.dir.toAbsolutePath().resolve(ScratchFolder.FOLDER));
            ApiClient c = t.signedIn(Role.DATA_ENTRY, true);
            String centreA = Long.toString(t.a.id());

            DicomFixture.Written d = DicomFixture.write(t.folder("upload"), "SCRATCH-1", "SCRATCH^PAT");
            assertThat(c.multipart("/api/studies", Map.of("centreId", centreA), d.files()).status()).isEqualTo(201);
            assertThat(within(10_000, () -> entries(scratch).isEmpty())).as("after an upload stored: %s", entries(scratch)).isTrue();

            Path notDicom = t.folder("not-dicom").resolve("notes.dcm");
            Files.writeString(notDicom, "a text file, not a DICOM object\n".repeat(200));
            ApiClient.Answer refused = c.multipart("/api/studies", Map.of("centreId", centreA), List.of(notDicom));
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(within(10_000, () -> entries(scratch).isEmpty())).as("after an upload refused as not DICOM: %s", entries(scratch)).isTrue();

            ApiClient.Answer forbidden = c.multipart("/api/studies", Map.of("centreId", Long.toString(t.b.id())), d.files());
            assertThat(forbidden.status()).as(forbidden.body()).isEqualTo(404);
            assertThat(within(10_000, () -> entries(scratch).isEmpty())).as("after an upload refused for another centre: %s", entries(scratch)).isTrue();

            cutOffHalfWay(t, c, scratch);
            assertThat(within(10_000, () -> entries(scratch).isEmpty())).as("after an upload cut off half-way: %s", entries(scratch)).isTrue();
        }
        assertThat(scratch).as("the scratch folder after the server stopped").doesNotExist();
    }

    /**
     * A server starting on a data folder deletes what dead runs left in {@code scratch/} (a run folder whose lock file is free,
     * one whose lock file is gone, a lone lock file) and spares the folder of a server still running there (several servers on
     * one PostgreSQL share the data folder; here a second scratch folder of this JVM). The other process's side, a lock held by
     * a living process, is KillNineTest's child (killed, its folder deleted; the restarted server's spared while it runs).
     */
    @Test
    void aStartDeletesWhatDeadRunsLeftAndSparesRunningServers(@TempDir Path data) throws Exception {
        Path parent = data.resolve(ScratchFolder.FOLDER);
        try (ScratchFolder running = ScratchFolder.in(data)) {
            Path alive = running.newFolder("upload-");
            Files.writeString(alive.resolve("part"), "being received");
            Path deadLocked = Files.createDirectories(parent.resolve("run-dead1"));
            Files.writeString(deadLocked.resolve("sqlite-x-libsqlitejdbc.so"), "left by a kill -9");
            Files.createFile(parent.resolve("run-dead1.lock"));
            Files.createDirectories(parent.resolve("run-dead2").resolve("upload-1"));
            Files.createFile(parent.resolve("run-dead3.lock"));

            try (ScratchFolder next = ScratchFolder.in(data)) {
                assertThat(entries(parent)).as("after a second server's start").containsExactlyInAnyOrder(".sweep.lock",
                        running.root().getFileName().toString(), running.root().getFileName() + ".lock");
                assertThat(alive.resolve("part")).exists();
                next.root();
            }
            assertThat(entries(parent)).as("after the second server stopped").hasSize(3);
        }
        assertThat(entries(parent)).as("after both stopped").containsExactly(".sweep.lock");
    }

    /**
     * Sends a multipart upload announcing 3 MB, stops after 1 MB once Jetty has spooled the part into the scratch folder
     * (so that there is something to clean up), and closes the connection.
     */
    private static void cutOffHalfWay(TestServer t, ApiClient c, Path scratch) throws Exception {
        String boundary = "----seedplan-cut";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"centreId\"\r\n\r\n" + t.a.id() + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.dcm\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        int announced = head.length + 3 * 1024 * 1024;
        try (Socket s = new Socket("127.0.0.1", t.server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/studies HTTP/1.1\r\nHost: 127.0.0.1:" + t.server.port() + "\r\nCookie: " + c.cookie()
                    + "\r\nX-CSRF-Token: " + c.csrf() + "\r\nContent-Type: multipart/form-data; boundary=" + boundary
                    + "\r\nContent-Length: " + announced + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(head);
            out.write(new byte[1024 * 1024]);
            out.flush();
            assertThat(within(10_000, () -> !entries(scratch).isEmpty())).as("Jetty spools the part being received into the scratch folder")
                    .isTrue();
        }
    }

    private static List<String> entries(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean within(long millis, BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
