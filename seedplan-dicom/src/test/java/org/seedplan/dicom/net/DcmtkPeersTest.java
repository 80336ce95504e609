package org.seedplan.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.dicom.ExternalTools;
import org.seedplan.dicom.codec.PixelFrames;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomFile;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;

/**
 * seedplan's node and SCUs against dcmtk's echoscu, storescu and storescp on loopback. A stored object
 * must hold exactly the data set bytes that were sent (tolerance zero: the node keeps what arrives);
 * where dcmtk changed the transfer syntax on the way, its pixel values must be equal (tolerance zero:
 * every syntax used is lossless) and its SOP Instance UID the same.
 */
class DcmtkPeersTest {

    @TempDir
    Path tmp;

    @Test
    void echoscuGetsAnEchoFromOurNode() throws Exception {
        ExternalTools.require("echoscu");
        try (DicomNode node = NetFixtures.node(tmp.resolve("store"))) {
            ExternalTools.Result r = ExternalTools.run(List.of("echoscu", "-to", "10", "-aet", "DCMTK", "-aec", "SEEDPLAN",
                    "127.0.0.1", String.valueOf(node.port())), 60);
            assertThat(r.exitCode()).as(r.output()).isZero();
        }
    }

    @Test
    void unknownCallingAeTitleIsRejectedForEchoscuAndForOurScu() throws Exception {
        ExternalTools.require("echoscu");
        try (DicomNode node = NetFixtures.node(tmp.resolve("store"), "DCMTK")) {
            ExternalTools.Result r = ExternalTools.run(List.of("echoscu", "-to", "10", "-aet", "INTRUDER", "-aec", "SEEDPLAN",
                    "127.0.0.1", String.valueOf(node.port())), 60);
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.output()).contains("Association Rejected").containsIgnoringCase("Calling AE Title Not Recognized");
            AeAddress us = new AeAddress("SEEDPLAN", "127.0.0.1", node.port());
            assertThatThrownBy(() -> EchoScu.echo(us, "INTRUDER", NetFixtures.FAST))
                    .isInstanceOfSatisfying(AssociationRejectedException.class, e -> {
                        assertThat(e.result()).isEqualTo(1);
                        assertThat(e.source()).isEqualTo(1);
                        assertThat(e.reason()).isEqualTo(3);
                    });
            assertThat(EchoScu.echo(us, "DCMTK", NetFixtures.FAST)).isNotNegative();
        }
    }

    @Test
    void ourEchoScuGetsAnEchoFromStorescp() throws Exception {
        ExternalTools.require("storescp");
        int port = NetFixtures.freePort();
        Process scp = storescp(port, tmp.resolve("in"));
        try {
            waitListening(port);
            assertThat(EchoScu.echo(new AeAddress("STORESCP", "127.0.0.1", port), "SEEDPLAN", NetFixtures.FAST)).isNotNegative();
        } finally {
            scp.destroy();
            scp.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void storescuSendsEveryAcceptedClassAndSyntaxAndOurNodeKeepsTheBytesSent() throws Exception {
        ExternalTools.require("storescu");
        ExternalTools.require("dcmconv");
        ExternalTools.require("dcmcrle");
        ExternalTools.require("dcmcjpls");
        ExternalTools.require("dcmcjpeg");
        List<Path> sent = new ArrayList<>(NetFixtures.demoCt(tmp, 3));
        sent.add(NetFixtures.registration(tmp));
        sent.addAll(NetFixtures.rtObjects());
        Path ct = sent.get(0);
        sent.add(convert(List.of("dcmconv", "+ti"), ct, "ct-implicit.dcm"));
        sent.add(convert(List.of("dcmconv", "+tb"), sent.get(1), "ct-big.dcm"));
        // storescu proposes a compressed syntax only when told to, one option per run
        Map<String, Path> compressed = new java.util.LinkedHashMap<>();
        compressed.put("-xd", convert(List.of("dcmconv", "+td"), sent.get(2), "ct-deflated.dcm"));
        compressed.put("-xr", convert(List.of("dcmcrle"), NetFixtures.rtObjects().get(0), "ct-rle.dcm"));
        compressed.put("-xt", convert(List.of("dcmcjpls"), ct, "ct-jpegls.dcm"));
        compressed.put("-xs", convert(List.of("dcmcjpeg", "+e1"), sent.get(1), "ct-jpeg-sv1.dcm"));
        Path store = tmp.resolve("store");
        try (DicomNode node = NetFixtures.node(store, "DCMTK")) {
            storescu(node.port(), "--required", sent);
            for (Map.Entry<String, Path> c : compressed.entrySet()) {
                storescu(node.port(), c.getKey(), List.of(c.getValue()));
            }
            sent.addAll(compressed.values());
            assertThat(node.storedCount()).isEqualTo(sent.size());
        }
        Map<String, Path> kept = new HashMap<>();
        for (Path f : NetFixtures.filesUnder(store)) {
            kept.put(DicomReader.read(f).dataSet().requireString(Tag.SOP_INSTANCE_UID), f);
        }
        // converted copies share their source's SOP Instance UID: the last one sent is the one kept
        Map<String, Path> lastSent = new HashMap<>();
        for (Path f : sent) {
            lastSent.put(DicomReader.read(f).dataSet().requireString(Tag.SOP_INSTANCE_UID), f);
        }
        assertThat(kept.keySet()).isEqualTo(lastSent.keySet());
        for (Map.Entry<String, Path> e : lastSent.entrySet()) {
            assertSameObject(e.getValue(), kept.get(e.getKey()));
        }
    }

    @Test
    void ourStoreScuSendsToStorescpWhichKeepsTheSameDataSets() throws Exception {
        ExternalTools.require("storescp");
        ExternalTools.require("dcmcjpls");
        List<Path> sent = new ArrayList<>(NetFixtures.demoCt(tmp, 3));
        sent.add(NetFixtures.registration(tmp));
        sent.addAll(NetFixtures.rtObjects());
        sent.add(convert(List.of("dcmcjpls"), NetFixtures.rtObjects().get(0), "ct-jpegls.dcm"));
        int port = NetFixtures.freePort();
        Path in = tmp.resolve("in");
        Process scp = storescp(port, in);
        List<StoreScu.Outcome> outcomes;
        try {
            waitListening(port);
            outcomes = StoreScu.send(new AeAddress("STORESCP", "127.0.0.1", port), "SEEDPLAN", sent, NetFixtures.FAST);
        } finally {
            scp.destroy();
            scp.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(outcomes).hasSize(sent.size()).allSatisfy(o -> assertThat(o.stored()).as(o.toString()).isTrue());
        Map<String, Path> received = new HashMap<>();
        for (Path f : NetFixtures.filesUnder(in)) {
            received.put(DicomReader.read(f).dataSet().requireString(Tag.SOP_INSTANCE_UID), f);
        }
        Map<String, Path> lastSent = new HashMap<>();
        for (Path f : sent) {
            lastSent.put(DicomReader.read(f).dataSet().requireString(Tag.SOP_INSTANCE_UID), f);
        }
        assertThat(received.keySet()).isEqualTo(lastSent.keySet());
        for (Map.Entry<String, Path> e : lastSent.entrySet()) {
            NetFixtures.assertSameBytes(NetFixtures.dataSetBytes(e.getValue()), NetFixtures.dataSetBytes(received.get(e.getKey())),
                    e.getValue() + " received by storescp");
        }
    }

    /**
     * Same data set bytes when the transfer syntax is unchanged; otherwise (dcmtk converted it on the
     * way) the same elements with the same values, compressed pixel data compared as decoded pixels.
     */
    private static void assertSameObject(Path sent, Path kept) throws IOException {
        DicomFile a = DicomReader.read(sent);
        DicomFile b = DicomReader.read(kept);
        if (a.transferSyntaxUid().equals(b.transferSyntaxUid())) {
            byte[] expected = NetFixtures.dataSetBytes(sent);
            byte[] got = NetFixtures.dataSetBytes(kept);
            if (a.transferSyntaxUid().equals(Uids.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN) && expected.length % 2 == 1) {
                // PS3.5 §A.5: a deflated stream of odd length travels with one trailing zero byte; dcmconv's file has none
                expected = java.util.Arrays.copyOf(expected, expected.length + 1);
            }
            NetFixtures.assertSameBytes(expected, got, sent + " kept as " + kept);
            return;
        }
        assertSameElements(a.dataSet(), b.dataSet(), sent.toString());
        DataSet x = a.dataSet();
        DataSet y = b.dataSet();
        if (x.contains(Tag.PIXEL_DATA)) {
            int frames = x.integer(Tag.NUMBER_OF_FRAMES).orElse(1);
            for (int i = 0; i < frames; i++) {
                assertThat(PixelFrames.frame16(b.transferSyntaxUid(), y.element(Tag.PIXEL_DATA), i, frames,
                        y.requireInteger(Tag.ROWS), y.requireInteger(Tag.COLUMNS), kept.toString()))
                        .as(sent + " frame " + i)
                        .isEqualTo(PixelFrames.frame16(a.transferSyntaxUid(), x.element(Tag.PIXEL_DATA), i, frames,
                                x.requireInteger(Tag.ROWS), x.requireInteger(Tag.COLUMNS), sent.toString()));
            }
        }
    }

    /** Every element but Pixel Data equal in value (the reader holds every value little endian), sequences item by item. */
    private static void assertSameElements(DataSet x, DataSet y, String where) {
        assertThat(y.elements().keySet()).as(where).isEqualTo(x.elements().keySet());
        for (Integer tag : x.elements().keySet()) {
            if (tag == Tag.PIXEL_DATA) {
                continue;
            }
            String at = where + " " + Tag.describe(tag);
            if (x.element(tag).isSequence()) {
                List<DataSet> xi = x.element(tag).items();
                List<DataSet> yi = y.element(tag).items();
                assertThat(yi).as(at).hasSameSizeAs(xi);
                for (int i = 0; i < xi.size(); i++) {
                    assertSameElements(xi.get(i), yi.get(i), at + "[" + i + "]");
                }
            } else {
                assertThat(y.element(tag).bytes()).as(at).isEqualTo(x.element(tag).bytes());
            }
        }
    }

    private static void storescu(int port, String option, List<Path> files) {
        List<String> cmd = new ArrayList<>(List.of("storescu", "-to", "10", "-aet", "DCMTK", "-aec", "SEEDPLAN", option,
                "127.0.0.1", String.valueOf(port)));
        files.forEach(f -> cmd.add(f.toString()));
        ExternalTools.Result r = ExternalTools.run(cmd, 120);
        assertThat(r.exitCode()).as(cmd + "\n" + r.output()).isZero();
    }

    private Path convert(List<String> tool, Path source, String name) {
        Path out = tmp.resolve(name);
        List<String> cmd = new ArrayList<>(tool);
        cmd.add(source.toString());
        cmd.add(out.toString());
        ExternalTools.Result r = ExternalTools.run(cmd, 60);
        assertThat(r.exitCode()).as(cmd + "\n" + r.output()).isZero();
        return out;
    }

    /**
     * dcmtk's storescp, AE STORESCP, accepting every transfer syntax, with 4096-byte PDUs so that our
     * fragmentation is exercised; stopped by the test, or by bin/while-parent when this JVM ends in any way (storescp
     * 3.6.7 cannot bind loopback only).
     */
    private static Process storescp(int port, Path dir) throws IOException {
        Files.createDirectories(dir);
        return NetFixtures.whileParent("storescp", "-aet", "STORESCP", "+xa", "--max-pdu", "4096",
                "-od", dir.toString(), "-uf", "--acse-timeout", "10", "--dimse-timeout", "30", String.valueOf(port)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void waitListening(int port) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < end) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("storescp did not listen on port " + port + " within 10 s");
    }
}
