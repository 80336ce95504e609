package org.seedplan.cli.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.cli.CliRun;
import org.seedplan.demo.DemoPatient;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;

/**
 * {@code seedplan dicom find}, {@code move} and {@code get} against Orthanc (Debian package orthanc) on free loopback
 * ports, and their bad input: one line, exit code 2.
 */
class DicomFindMoveCommandTest {

    @TempDir
    Path tmp;

    @Test
    void sendThenFindThenMoveAndGetTheStudyBackThroughOrthanc() throws Exception {
        String exe = orthancExecutable();
        int dicomPort = freePort();
        int httpPort = freePort();
        int ourPort = freePort();
        Files.writeString(tmp.resolve("orthanc.json"), """
                { "Name": "seedplan-cli-test", "StorageDirectory": "%s", "IndexDirectory": "%s", "DicomAet": "ORTHANC",
                  "DicomPort": %d, "HttpPort": %d, "RemoteAccessAllowed": false, "AuthenticationEnabled": false,
                  "DicomCheckModalityHost": false, "DicomScuTimeout": 10, "Plugins": [],
                  "DicomModalities": { "seedplan": [ "SEEDPLAN", "127.0.0.1", %d ] } }
                """.formatted(tmp.resolve("db"), tmp.resolve("db"), dicomPort, httpPort, ourPort));
        // stopped in the finally below, or by bin/while-parent when this JVM ends in any way (kill -9 too; no time bound)
        Process orthanc = new ProcessBuilder(Path.of("").toAbsolutePath().getParent().resolve("bin/while-parent").toString(), exe,
                tmp.resolve("orthanc.json").toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("orthanc.log").toFile()).start();
        try {
            waitHttp(httpPort, orthanc);
            Path folder = tmp.resolve("ct");
            List<DataSet> slices = CtSeriesWriter.slices(new DemoPatient().ct(),
                    StudyContext.newStudy(PatientInfo.anonymous("FINDME")), Uids.newUid());
            for (int i = 0; i < 2; i++) {
                DicomWriter.write(slices.get(i), folder.resolve(i + ".dcm"));
            }
            String study = slices.get(0).requireString(Tag.STUDY_INSTANCE_UID);
            String patientId = slices.get(0).requireString(Tag.PATIENT_ID);
            String peer = "ORTHANC@127.0.0.1:" + dicomPort;
            assertThat(CliRun.of("dicom", "send", "--to", peer, folder.toString()).exitCode()).isZero();

            CliRun studies = CliRun.of("dicom", "find", "--to", peer, "--patient-id", patientId, "--modality", "CT", "--json");
            assertThat(studies.exitCode()).as(studies.err()).isZero();
            assertThat(studies.out()).contains("\"studyInstanceUid\" : \"" + study + "\"")
                    .contains("\"numberOfStudyRelatedInstances\" : \"2\"");
            CliRun series = CliRun.of("dicom", "find", "--to", peer, "--study", study);
            assertThat(series.exitCode()).as(series.err()).isZero();
            assertThat(series.out()).contains(slices.get(0).requireString(Tag.SERIES_INSTANCE_UID)).contains("1 series answer(s)");

            Path store = tmp.resolve("moved");
            CliRun move = CliRun.of("dicom", "move", "--to", peer, "--study", study, "--store", store.toString(),
                    "--port", String.valueOf(ourPort), "--bind", "127.0.0.1");
            assertThat(move.exitCode()).as(move.err()).isZero();
            assertThat(move.out()).contains("2 instance(s) sent");
            try (Stream<Path> files = Files.walk(store)) {
                assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(2);
            }

            Path got = tmp.resolve("got");
            CliRun get = CliRun.of("dicom", "get", "--to", peer, "--study", study, "--store", got.toString());
            assertThat(get.exitCode()).as(get.err()).isZero();
            assertThat(get.out()).contains("2 object(s) kept");
            try (Stream<Path> files = Files.walk(got)) {
                assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(2);
            }
        } finally {
            orthanc.destroy();
            orthanc.waitFor();
        }
    }

    @Test
    void badStudyDateIsOneLineAndExitCode2() {
        CliRun r = CliRun.of("dicom", "find", "--to", "PACS@127.0.0.1:104", "--study-date", "2024-01-01");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--study-date '2024-01-01'");
    }

    @Test
    void moveToUsWithoutStoreIsOneLineAndExitCode2() {
        CliRun r = CliRun.of("dicom", "move", "--to", "PACS@127.0.0.1:104", "--study", "1.2.3");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--store");
    }

    private static void waitHttp(int port, Process orthanc) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long end = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < end && orthanc.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/system")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        fail("Orthanc did not start within 30 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Orthanc on PATH or in /usr/sbin; missing fails under CI=true and skips otherwise. */
    private static String orthancExecutable() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "Orthanc"))) {
                return Path.of(dir, "Orthanc").toString();
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("missing Orthanc (CI installs: apt-get install -y orthanc)");
        }
        Assumptions.assumeTrue(false, "missing Orthanc; skipped outside CI");
        return null;
    }
}
