package org.seedplan.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.dicom.ExternalTools;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;

/**
 * Issue 14's speed goal: dcmtk's storescu sends a 200-slice 512 × 512 CT (dicompyler's slice, 100 MB)
 * over loopback; our node must have kept it all within 3 s. dcmtk's own storescp receives the same
 * study in the same run, for the record (printed, not asserted).
 */
class ReceiveSpeedTest {

    @TempDir
    Path tmp;

    @Test
    void nodeReceives200Slices512By512FromStorescuWithinThreeSeconds() throws Exception {
        ExternalTools.require("storescu");
        ExternalTools.require("storescp");
        DataSet slice = DicomReader.read(ExternalTools.data("dicompyler-example/ct.0.dcm")).dataSet();
        assertThat(slice.requireInteger(Tag.ROWS)).isEqualTo(512);
        Path ct = tmp.resolve("ct");
        String series = Uids.newUid();
        for (int i = 0; i < 200; i++) {
            DicomWriter.write(slice.toBuilder().put(Tag.SOP_INSTANCE_UID, Uids.newUid()).put(Tag.SERIES_INSTANCE_UID, series)
                    .build(), ct.resolve(String.format("%03d.dcm", i)));
        }
        double oursS;
        Path store = tmp.resolve("ours");
        try (DicomNode node = NetFixtures.node(store)) {
            oursS = timedStorescu("SEEDPLAN", node.port(), ct);
            assertThat(NetFixtures.filesUnder(store)).hasSize(200);
        }
        int port = NetFixtures.freePort();
        Path dcmtkStore = tmp.resolve("dcmtk");
        Files.createDirectories(dcmtkStore);
        Process scp = new ProcessBuilder("timeout", "120", "storescp", "-aet", "STORESCP", "-od", dcmtkStore.toString(),
                String.valueOf(port)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        double dcmtkS;
        try {
            Thread.sleep(500);
            dcmtkS = timedStorescu("STORESCP", port, ct);
        } finally {
            scp.destroy();
            scp.waitFor(10, TimeUnit.SECONDS);
        }
        System.out.printf("200 × 512 × 512 CT from storescu over loopback: seedplan node %.2f s, dcmtk storescp %.2f s%n", oursS, dcmtkS);
        assertThat(oursS).as("seconds for seedplan's node to receive and keep 200 slices").isLessThanOrEqualTo(3.0);
    }

    private static double timedStorescu(String calledAe, int port, Path folder) {
        long start = System.nanoTime();
        ExternalTools.Result r = ExternalTools.run(List.of("storescu", "-aet", "BENCH", "-aec", calledAe, "+sd",
                "127.0.0.1", String.valueOf(port), folder.toString()), 120);
        double s = (System.nanoTime() - start) / 1e9;
        assertThat(r.exitCode()).as(r.output()).isZero();
        return s;
    }
}
