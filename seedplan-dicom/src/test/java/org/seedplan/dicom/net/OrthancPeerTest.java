package org.seedplan.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Tag;

/**
 * seedplan against Orthanc, a real PACS (Debian package orthanc), started on free ports with a
 * generated configuration in a temporary folder and no plugins: our C-STORE arrives intact (each
 * instance fetched back through Orthanc's REST API holds exactly the data set bytes sent, tolerance
 * zero), C-FIND finds the study and its series, and C-MOVE (into our node) and C-GET (on the same
 * association) bring the study back byte for byte.
 */
class OrthancPeerTest {

    @TempDir
    Path tmp;

    private DicomNode node;
    private Process orthanc;
    private AeAddress orthancAe;
    private int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void startOrthancAndOurNode() throws Exception {
        String exe = orthancExecutable();
        node = NetFixtures.node(tmp.resolve("store"), "ORTHANC", "FINDER");
        int dicomPort = NetFixtures.freePort();
        httpPort = NetFixtures.freePort();
        Path config = tmp.resolve("orthanc.json");
        Files.writeString(config, """
                {
                  "Name": "seedplan-test",
                  "StorageDirectory": "%s",
                  "IndexDirectory": "%s",
                  "DicomAet": "ORTHANC",
                  "DicomPort": %d,
                  "HttpPort": %d,
                  "RemoteAccessAllowed": false,
                  "AuthenticationEnabled": false,
                  "DicomCheckCalledAet": true,
                  "DicomCheckModalityHost": false,
                  "DicomAlwaysAllowEcho": true,
                  "DicomAlwaysAllowStore": true,
                  "DicomScuTimeout": 10,
                  "DicomScpTimeout": 30,
                  "DicomModalities": { "seedplan": [ "SEEDPLAN", "127.0.0.1", %d ], "finder": [ "FINDER", "127.0.0.1", 9 ] },
                  "Plugins": [],
                  "StorageCompression": false
                }
                """.formatted(tmp.resolve("orthanc-db"), tmp.resolve("orthanc-db"), dicomPort, httpPort, node.port()));
        // stopped by stop(), or by bin/while-parent when this JVM ends in any way (kill -9 too; no time bound to outlast)
        orthanc = NetFixtures.whileParent(exe, config.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("orthanc.log").toFile()).start();
        orthancAe = new AeAddress("ORTHANC", "127.0.0.1", dicomPort);
        long end = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                if (get("/system").statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (System.currentTimeMillis() > end || !orthanc.isAlive()) {
                fail("Orthanc did not start within 30 s:\n" + Files.readString(tmp.resolve("orthanc.log")));
            }
            Thread.sleep(200);
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (orthanc != null) {
            orthanc.destroy();
            orthanc.waitFor();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void everyObjectWeSendArrivesInOrthancWithTheSameDataSet() throws Exception {
        List<Path> sent = new ArrayList<>(NetFixtures.demoCt(tmp, 3));
        sent.add(NetFixtures.registration(tmp));
        sent.addAll(NetFixtures.rtObjects());
        List<StoreScu.Outcome> outcomes = StoreScu.send(orthancAe, "SEEDPLAN", sent, NetFixtures.FAST);
        assertThat(outcomes).allSatisfy(o -> assertThat(o.stored()).as(o.toString()).isTrue());
        Map<String, byte[]> inOrthanc = new HashMap<>();
        for (String id : ids(get("/instances").body())) {
            HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(uri("/instances/" + id + "/file")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            byte[] b = file.body();
            String sop = DicomReader.parse(b, "Orthanc instance " + id).dataSet().requireString(Tag.SOP_INSTANCE_UID);
            inOrthanc.put(sop, Arrays.copyOfRange(b, Part10.dataSetOffset(b, id), b.length));
        }
        assertThat(inOrthanc).hasSize(sent.size());
        for (Path f : sent) {
            String sop = DicomReader.read(f).dataSet().requireString(Tag.SOP_INSTANCE_UID);
            NetFixtures.assertSameBytes(NetFixtures.dataSetBytes(f), inOrthanc.get(sop), f + " in Orthanc");
        }
    }

    @Test
    void findsTheStudyAndItsSeriesThenMovesTheStudyIntoOurNode() throws Exception {
        List<Path> ct = NetFixtures.demoCt(tmp, 3);
        DataSet first = DicomReader.read(ct.get(0)).dataSet();
        String study = first.requireString(Tag.STUDY_INSTANCE_UID);
        assertThat(StoreScu.send(orthancAe, "SEEDPLAN", ct, NetFixtures.FAST)).allSatisfy(o -> assertThat(o.stored()).isTrue());

        Map<QueryKey, String> byPatient = new EnumMap<>(QueryKey.class);
        byPatient.put(QueryKey.PATIENT_ID, first.requireString(Tag.PATIENT_ID));
        List<DataSet> studies = FindScu.find(orthancAe, "SEEDPLAN", "STUDY", byPatient, NetFixtures.FAST);
        assertThat(studies).hasSize(1);
        assertThat(studies.get(0).string(QueryKey.STUDY_INSTANCE_UID.tag())).contains(study);
        assertThat(studies.get(0).string(QueryKey.NUMBER_OF_STUDY_RELATED_INSTANCES.tag())).contains("3");

        Map<QueryKey, String> inStudy = new EnumMap<>(QueryKey.class);
        inStudy.put(QueryKey.STUDY_INSTANCE_UID, study);
        List<DataSet> series = FindScu.find(orthancAe, "SEEDPLAN", "SERIES", inStudy, NetFixtures.FAST);
        assertThat(series).hasSize(1);
        assertThat(series.get(0).string(QueryKey.SERIES_INSTANCE_UID.tag())).contains(first.requireString(Tag.SERIES_INSTANCE_UID));
        assertThat(series.get(0).string(QueryKey.MODALITY.tag())).contains("CT");

        MoveScu.Result moved = MoveScu.moveStudy(orthancAe, "SEEDPLAN", study, "SEEDPLAN", NetFixtures.FAST);
        assertThat(moved.completed()).isEqualTo(3);
        assertThat(moved.failed()).isZero();
        Map<String, Path> kept = new HashMap<>();
        for (Path f : NetFixtures.filesUnder(tmp.resolve("store"))) {
            kept.put(DicomReader.read(f).dataSet().requireString(Tag.SOP_INSTANCE_UID), f);
        }
        assertThat(kept).hasSize(3);
        for (Path f : ct) {
            Path got = kept.get(DicomReader.read(f).dataSet().requireString(Tag.SOP_INSTANCE_UID));
            NetFixtures.assertSameBytes(NetFixtures.dataSetBytes(f), NetFixtures.dataSetBytes(got), f + " moved back from Orthanc");
        }
    }

    @Test
    void getsAStudyFromOrthancOnTheSameAssociationWithEveryObjectIntact() throws Exception {
        List<Path> sent = new ArrayList<>(NetFixtures.demoCt(tmp, 3));
        String study = DicomReader.read(sent.get(0)).dataSet().requireString(Tag.STUDY_INSTANCE_UID);
        assertThat(StoreScu.send(orthancAe, "SEEDPLAN", sent, NetFixtures.FAST)).allSatisfy(o -> assertThat(o.stored()).isTrue());
        Path store = tmp.resolve("got");
        GetScu.Result got = GetScu.getStudy(orthancAe, "SEEDPLAN", study, new ReceivedObjectStore(store), NetFixtures.FAST);
        assertThat(got.completed()).isEqualTo(3);
        assertThat(got.failed()).isZero();
        assertThat(got.kept()).hasSize(3);
        Map<String, Path> kept = new HashMap<>();
        for (Path f : NetFixtures.filesUnder(store)) {
            kept.put(DicomReader.read(f).dataSet().requireString(Tag.SOP_INSTANCE_UID), f);
        }
        for (Path f : sent) {
            Path back = kept.get(DicomReader.read(f).dataSet().requireString(Tag.SOP_INSTANCE_UID));
            NetFixtures.assertSameBytes(NetFixtures.dataSetBytes(f), NetFixtures.dataSetBytes(back), f + " retrieved by C-GET");
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /** Orthanc's identifiers in a JSON array of strings (SHA-1 based: five dash-separated groups of 8 hex digits). */
    private static List<String> ids(String json) {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("\"([0-9a-f]{8}(-[0-9a-f]{8}){4})\"").matcher(json);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
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
