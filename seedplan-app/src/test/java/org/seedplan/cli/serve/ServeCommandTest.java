package org.seedplan.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.cli.CliRun;
import org.seedplan.server.ScratchFolder;
import org.seedplan.storage.Database;

class ServeCommandTest {

    @Test
    void aFolderWithOtherFilesIsRefusedAsDataFolder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("thesis.docx"), "not seedplan");
        CliRun r = CliRun.of("serve", "--data", dir.toString(), "--port", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("not a seedplan data folder");
    }

    @Test
    void auditVerifyPassesAnIntactTrailAndNamesTheFirstEditedRow(@TempDir Path dir) {
        try (Database db = Database.open(dir)) {
            new org.seedplan.storage.registry.CentreRepository(db).create(org.seedplan.storage.Actor.SYSTEM, "X", "Centre X");
        }
        CliRun ok = CliRun.of("audit", "verify", "--data", dir.toString());
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).contains("audit trail intact");
        try (Database db = Database.open(dir)) {
            db.inTransaction(tx -> tx.update("UPDATE audit_event SET new_value = 'Centre Y' WHERE seq = 2"));
        }
        CliRun broken = CliRun.of("audit", "verify", "--data", dir.toString());
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.out()).contains("BROKEN at row 2");
    }

    /**
     * Also: serve writes nothing into the system's temporary folder (its java.io.tmpdir here stays empty): its scratch folder
     * and SQLite's native library, which sqlite-jdbc would extract there and leave after a kill -9, are in the data folder,
     * and stopping the server deletes them.
     */
    @Test
    void serveStartsPrintsTheAddressAndAOneTimeAdministratorPassword(@TempDir Path dir) throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path scratch = dir.resolve("data").resolve(ScratchFolder.FOLDER);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.io.tmpdir=" + tmp,
                "-cp", System.getProperty("java.class.path"), "org.seedplan.cli.Main", "serve", "--data", dir.resolve("data").toString(),
                "--port", "0").redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String password = null;
            String address = null;
            String line;
            while (address == null && (line = out.readLine()) != null) {
                Matcher pw = Pattern.compile("one-time password (\\S+)").matcher(line);
                if (pw.find()) {
                    password = pw.group(1);
                }
                Matcher at = Pattern.compile("open (http://127\\.0\\.0\\.1:\\d+/)").matcher(line);
                if (at.find()) {
                    address = at.group(1);
                }
            }
            assertThat(password).isNotNull();
            assertThat(address).isNotNull();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(address + "api/session"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + password + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"mustChangePassword\":true");
            assertThat(names(Files.walk(tmp).filter(f -> !f.equals(tmp)))).as("in the system's temporary folder").isEmpty();
            assertThat(names(Files.walk(scratch))).as("in the data folder's scratch folder").anyMatch(n -> n.startsWith("sqlite-") && n.endsWith(".so"));
        } finally {
            p.destroy();
            p.waitFor();
        }
        assertThat(names(Files.list(scratch))).as("after the stop").noneMatch(n -> n.startsWith("run-"));
        assertThat(names(Files.list(tmp))).isEmpty();
    }

    private static List<String> names(Stream<Path> files) {
        try (files) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
