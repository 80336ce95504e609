package org.seedplan.cli.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.cli.CliRun;
import org.seedplan.cli.Main;
import org.seedplan.demo.DemoPatient;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Uids;

/** {@code seedplan dicom echo|send|listen}: a round trip between the commands, and one line with exit code 2 for bad input. */
class DicomNetCommandTest {

    @TempDir
    Path tmp;

    @Test
    void sendDeliversAFolderToListenAndEchoIsAnswered() throws Exception {
        Path folder = tmp.resolve("ct");
        List<DataSet> slices = CtSeriesWriter.slices(new DemoPatient().ct(), StudyContext.newStudy(PatientInfo.anonymous("CLI")),
                Uids.newUid());
        for (int i = 0; i < 3; i++) {
            DicomWriter.write(slices.get(i), folder.resolve("slice" + i + ".dcm"));
        }
        Files.writeString(folder.resolve("README.txt"), "not DICOM");
        int port = freePort();
        Path store = tmp.resolve("store");
        AtomicInteger listenExit = new AtomicInteger(-1);
        Thread listen = new Thread(() -> listenExit.set(Main.run("dicom", "listen", "--bind", "127.0.0.1", "--port",
                String.valueOf(port), "--store", store.toString(), "--allow", "SEEDPLAN,OTHER", "--for", "6")));
        listen.start();
        waitListening(port);
        String peer = "SEEDPLAN@127.0.0.1:" + port;

        CliRun echo = CliRun.of("dicom", "echo", "--to", peer);
        assertThat(echo.exitCode()).as(echo.err()).isZero();
        assertThat(echo.out()).contains("success");

        CliRun send = CliRun.of("dicom", "send", "--to", peer, folder.toString());
        assertThat(send.exitCode()).as(send.err()).isZero();
        assertThat(send.out()).contains("sent 3 object(s)").contains("1 non-DICOM file(s) skipped");

        CliRun refused = CliRun.of("dicom", "send", "--to", peer, "--ae-title", "STRANGER", folder.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err().strip()).doesNotContain("\n").contains("calling AE title not recognized");

        listen.join(20_000);
        assertThat(listenExit.get()).isZero();
        try (Stream<Path> files = Files.walk(store)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(3);
        }
    }

    @Test
    void malformedPeerIsOneLineAndExitCode2() {
        CliRun r = CliRun.of("dicom", "echo", "--to", "127.0.0.1:104");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("AET@HOST:PORT");
    }

    @Test
    void unknownHostIsOneLineAndExitCode2() {
        CliRun r = CliRun.of("dicom", "echo", "--to", "PACS@no-such-host.invalid:104");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("unknown host 'no-such-host.invalid'");
    }

    @Test
    void missingFileToSendIsOneLineAndExitCode2() {
        CliRun r = CliRun.of("dicom", "send", "--to", "PACS@127.0.0.1:104", tmp.resolve("absent.dcm").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("absent.dcm").contains("file not found");
    }

    @Test
    void badAllowedAeTitleIsOneLineAndExitCode2() {
        CliRun r = CliRun.of("dicom", "listen", "--port", "0", "--store", tmp.toString(), "--allow", "A_TITLE_FAR_TOO_LONG");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--allow").contains("at most 16");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void waitListening(int port) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < end) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("seedplan dicom listen did not listen on port " + port + " within 10 s");
    }
}
