package org.seedplan.dicom.net;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.seedplan.demo.DemoPatient;
import org.seedplan.dicom.ExternalTools;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;

/** Test objects and helpers shared by the network tests: sample files of every accepted SOP class, free ports, data set bytes. */
final class NetFixtures {

    private NetFixtures() {
    }

    /** A free loopback port (closed again, so a peer can bind it). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * {@code command} run through the repository's {@code bin/while-parent} (tests run in their module's folder): the peer
     * stops when the test stops it, or when this JVM ends in any way (kill -9 too), as the OS closes the pipe to the script.
     */
    static ProcessBuilder whileParent(String... command) {
        List<String> all = new ArrayList<>();
        all.add(Path.of("").toAbsolutePath().getParent().resolve("bin").resolve("while-parent").toString());
        all.addAll(Arrays.asList(command));
        return new ProcessBuilder(all);
    }

    /** Short timeouts so that a test never waits long: 3 s ARTIM, 10 s DIMSE. */
    static final Timeouts FAST = new Timeouts(3_000, 10_000);

    /** {@code n} CT slices of the demo patient (our writer, Explicit VR Little Endian) written into {@code dir}. */
    static List<Path> demoCt(Path dir, int n) {
        List<DataSet> slices = CtSeriesWriter.slices(new DemoPatient().ct(), StudyContext.newStudy(PatientInfo.anonymous("NET")),
                Uids.newUid());
        List<Path> files = new ArrayList<>();
        int first = slices.size() / 2 - n / 2;
        for (int i = 0; i < n; i++) {
            Path f = dir.resolve("ct-" + i + ".dcm");
            DicomWriter.write(slices.get(first + i), f);
            files.add(f);
        }
        return files;
    }

    /** A minimal Spatial Registration object (class, instance, study, series, modality REG). */
    static Path registration(Path dir) {
        DataSet ds = DataSet.builder("registration")
                .put(Tag.SOP_CLASS_UID, DicomNode.SPATIAL_REGISTRATION_STORAGE)
                .put(Tag.SOP_INSTANCE_UID, Uids.newUid())
                .put(Tag.MODALITY, "REG")
                .put(Tag.PATIENT_NAME, "NET^TEST")
                .put(Tag.PATIENT_ID, "NET")
                .put(Tag.STUDY_INSTANCE_UID, Uids.newUid())
                .put(Tag.SERIES_INSTANCE_UID, Uids.newUid())
                .build();
        Path f = dir.resolve("reg.dcm");
        DicomWriter.write(ds, f);
        return f;
    }

    /** Real RT objects from other systems: dicompyler's CT, structure set and plan; pydicom's dose. */
    static List<Path> rtObjects() {
        return List.of(ExternalTools.data("dicompyler-example/ct.0.dcm"), ExternalTools.data("dicompyler-example/rtss.dcm"),
                ExternalTools.data("dicompyler-example/rtplan.dcm"), ExternalTools.data("pydicom-testfiles/rtdose.dcm"));
    }

    /** The bytes of a file's data set (everything after its file meta information). */
    static byte[] dataSetBytes(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        return Arrays.copyOfRange(b, Part10.dataSetOffset(b, file.toString()), b.length);
    }

    /** Fails naming the length or the first differing byte, rather than printing both arrays. */
    static void assertSameBytes(byte[] expected, byte[] actual, String what) {
        if (!Arrays.equals(expected, actual)) {
            int i = Arrays.mismatch(expected, actual);
            throw new AssertionError(what + ": data set differs at byte " + i + " (lengths " + expected.length + " sent, "
                    + actual.length + " kept)");
        }
    }

    /** Every regular file under {@code dir}, hidden ones included. */
    static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Starts a node on a free loopback port storing into {@code store}. */
    static DicomNode node(Path store, String... allowed) throws IOException {
        return DicomNode.start(new NodeConfig("SEEDPLAN", "127.0.0.1", 0, store, java.util.Set.of(allowed), FAST, 32));
    }
}
