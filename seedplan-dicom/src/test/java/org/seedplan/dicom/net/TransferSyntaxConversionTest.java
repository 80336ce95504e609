package org.seedplan.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.dicom.ExternalTools;

/**
 * Sending to a peer that accepts none of a file's own transfer syntax: dcmtk's storescp restricted to Implicit VR
 * Little Endian ({@code +xi}) or preferring Explicit VR Big Endian ({@code +xb}, no compressed syntax) gets every
 * object converted, compressed pixel data (dcmtk's own RLE and JPEG-LS) decompressed. Checked with dcmtk only:
 * dcmdump names the syntax kept and the SOP Instance UID, and the pixel data dcmtk decodes from what it received
 * ({@code dcmconv +te}, then {@code dcmdump +W}) equal, byte for byte, those it decodes from the file sent
 * ({@code dcmdrle}/{@code dcmdjpls}/{@code dcmconv +te}, then {@code dcmdump +W}); tolerance zero: every
 * conversion here is lossless.
 */
class TransferSyntaxConversionTest {

    @TempDir
    Path tmp;

    @Test
    void implicitOnlyStorescpReceivesExplicitAndCompressedFilesAsImplicitWithEqualPixels() throws Exception {
        List<Path> received = sendThroughStorescp("+xi", true);
        for (Path f : received) {
            assertThat(ExternalTools.dcmdump(f)).as(f.toString()).contains("(0002,0010) UI =LittleEndianImplicit");
        }
        assertThat(received).hasSize(4);
    }

    @Test
    void bigEndianPreferringStorescpGetsCompressedFilesDecompressedToBigEndianWithEqualPixels() throws Exception {
        // only compressed files: no context in a native syntax of their SOP class is proposed for another file
        List<Path> received = sendThroughStorescp("+xb", false);
        assertThat(received).hasSize(2);
        for (Path f : received) {
            assertThat(ExternalTools.dcmdump(f)).as(f.toString()).contains("(0002,0010) UI =BigEndianExplicit");
        }
    }

    /**
     * Sends an RLE and a JPEG-LS CT (both made by dcmtk) and, with {@code plainToo}, two demo CT slices (Explicit VR LE),
     * and compares the pixel data of what arrived.
     */
    private List<Path> sendThroughStorescp(String option, boolean plainToo) throws Exception {
        ExternalTools.require("storescp");
        ExternalTools.require("dcmcrle");
        ExternalTools.require("dcmcjpls");
        ExternalTools.require("dcmconv");
        ExternalTools.require("dcmdrle");
        ExternalTools.require("dcmdjpls");
        List<Path> sent = new ArrayList<>(plainToo ? NetFixtures.demoCt(tmp, 2) : List.of());
        sent.add(dcmtk(List.of("dcmcrle"), NetFixtures.rtObjects().get(0), tmp.resolve("ct-rle.dcm")));
        sent.add(dcmtk(List.of("dcmcjpls"), NetFixtures.demoCt(Files.createDirectories(tmp.resolve("more")), 3).get(2),
                tmp.resolve("ct-jpegls.dcm")));
        int port = NetFixtures.freePort();
        Path in = Files.createDirectories(tmp.resolve("in"));
        // stopped in the finally below, or by bin/while-parent when this JVM ends in any way
        Process scp = NetFixtures.whileParent("storescp", "-aet", "STORESCP", option, "-od", in.toString(), "-uf",
                "--acse-timeout", "10", "--dimse-timeout", "30", String.valueOf(port)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        List<StoreScu.Outcome> outcomes;
        try {
            waitListening(port);
            outcomes = StoreScu.send(new AeAddress("STORESCP", "127.0.0.1", port), "SEEDPLAN", sent, NetFixtures.FAST);
        } finally {
            scp.destroy();
            scp.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(outcomes).hasSize(sent.size()).allSatisfy(o -> assertThat(o.stored()).as(o.toString()).isTrue());
        List<Path> received = NetFixtures.filesUnder(in);
        Map<String, Path> bySop = new HashMap<>();
        for (Path f : received) {
            bySop.put(sopInstance(f), f);
        }
        for (Path f : sent) {
            Path got = bySop.get(sopInstance(f));
            assertThat(got).as(f + " received").isNotNull();
            assertThat(pixelBytes(got, "received")).as(f + ": pixel data as dcmtk decodes them").isEqualTo(pixelBytes(f, "sent"));
        }
        return received;
    }

    private static String sopInstance(Path f) {
        Matcher m = Pattern.compile("\\(0008,0018\\) UI \\[([0-9.]+)\\]").matcher(ExternalTools.dcmdump(f));
        assertThat(m.find()).as(f + " has a SOP Instance UID").isTrue();
        return m.group(1);
    }

    /** The pixel data of {@code f} as dcmtk decodes them: decompressed into Explicit VR LE by dcmconv, written raw by dcmdump +W. */
    private byte[] pixelBytes(Path f, String tag) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("raw-" + tag + "-" + f.getFileName()));
        String name = f.getFileName().toString();
        List<String> decoder = name.contains("rle") ? List.of("dcmdrle") : name.contains("jpegls") ? List.of("dcmdjpls")
                : List.of("dcmconv", "+te");
        Path plain = dcmtk(decoder, f, dir.resolve("plain.dcm"));
        ExternalTools.Result r = ExternalTools.run(List.of("dcmdump", "+W", dir.toString(), plain.toString()), 60);
        assertThat(r.exitCode()).as(r.output()).isZero();
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> raw = s.filter(p -> p.getFileName().toString().endsWith(".raw")).toList();
            assertThat(raw).as("dcmdump +W wrote the pixel data of " + f).hasSize(1);
            return Files.readAllBytes(raw.get(0));
        }
    }

    private static Path dcmtk(List<String> tool, Path source, Path out) {
        List<String> cmd = new ArrayList<>(tool);
        cmd.add(source.toString());
        cmd.add(out.toString());
        ExternalTools.Result r = ExternalTools.run(cmd, 60);
        assertThat(r.exitCode()).as(cmd + "\n" + r.output()).isZero();
        return out;
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
