package org.seedplan.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seedplan.dicom.ExternalTools;
import org.seedplan.dicom.ct.CtSeriesReader;
import org.seedplan.dicom.rtdose.RtDoseReader;
import org.seedplan.dicom.rtplan.RtPlanReader;
import org.seedplan.dicom.rtstruct.RtStructReader;

/**
 * Feeds corrupted variants of real files (truncated, flipped bytes, huge or wrong lengths, wrong
 * VRs, missing elements, inserted and deleted bytes) to the reader and to the CT, RTSTRUCT,
 * RTPLAN and RTDOSE interpreters. Each must either succeed or throw an IllegalArgumentException
 * naming the file; nothing may crash otherwise, hang, or allocate far beyond the input's size.
 */
class MutationTest {

    private static final int VARIANTS = 10_000;
    private static final long SEED = 20261122L;
    private static final List<String> FILES = List.of(
            "synthetic-seed-phantom/dicom/image0000.dcm", "synthetic-seed-phantom/dicom/rtplan.dcm",
            "pydicom-testfiles/rtstruct.dcm", "pydicom-testfiles/rtplan.dcm", "pydicom-testfiles/CT_small.dcm",
            "pydicom-testfiles/rtdose_1frame.dcm", "pydicom-testfiles/rtdose.dcm", "pydicom-testfiles/MR_small_implicit.dcm",
            "pytg43-brachy/HDR/RP.HDR.dcm");
    private static final String[] VRS = {"SQ", "OB", "UN", "US", "UL", "DS", "FD", "UT", "AT", "XX", "\0\0"};

    @Test
    void corruptedFilesGiveClearErrorsNeverCrashesHangsOrHugeAllocations() throws Exception {
        List<byte[]> originals = new ArrayList<>();
        for (String f : FILES) {
            originals.add(Files.readAllBytes(ExternalTools.data(f)));
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Random rnd = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            for (int v = 0; v < VARIANTS; v++) {
                int which = rnd.nextInt(originals.size());
                byte[] original = originals.get(which);
                int kind = rnd.nextInt(8);
                byte[] mutated = mutate(original, kind, rnd);
                String name = "variant-" + v + "-of-" + Path.of(FILES.get(which)).getFileName();
                long before = mx.getCurrentThreadAllocatedBytes();
                try {
                    interpret(mutated, name);
                    outcomes[0]++;
                } catch (IllegalArgumentException expected) {
                    outcomes[1]++;
                    if (expected.getMessage() == null || !expected.getMessage().contains(name)) {
                        failures.add(name + " (mutation " + kind + "): message does not name the file: " + expected.getMessage());
                    }
                } catch (Throwable t) {
                    failures.add(name + " (mutation " + kind + "): " + t);
                }
                long allocated = mx.getCurrentThreadAllocatedBytes() - before;
                // interpreting may expand the input (text to doubles, 16-bit to float voxels, item names) but never
                // by more than a bounded factor: an allocation driven by a corrupt length would be gigabytes
                if (allocated > 64L * mutated.length + (32 << 20)) {
                    failures.add(name + " (mutation " + kind + "): allocated " + allocated + " bytes for " + mutated.length + " input bytes");
                }
            }
        });
        assertThat(failures).as("crashes").isEmpty();
        assertThat(outcomes[0] + outcomes[1]).isEqualTo(VARIANTS);
        assertThat(outcomes[1]).as("most corruptions are detected").isGreaterThan(VARIANTS / 4);
    }

    /** Parses and interprets the bytes the way the commands do, by modality. */
    private static void interpret(byte[] bytes, String name) {
        DataSet ds = DicomReader.parse(bytes, name).dataSet();
        switch (ds.string(Tag.MODALITY, "")) {
            case "CT" -> CtSeriesReader.fromDataSets(name, List.of(ds));
            case "RTSTRUCT" -> RtStructReader.read(ds).structures();
            case "RTPLAN" -> RtPlanReader.read(ds).seeds();
            case "RTDOSE" -> RtDoseReader.read(ds).dose().maxGy();
            default -> ds.elements().size();
        }
    }

    private static byte[] mutate(byte[] in, int kind, Random rnd) {
        byte[] b = in.clone();
        int n = b.length;
        switch (kind) {
            case 0 -> { // truncate
                return java.util.Arrays.copyOf(b, rnd.nextInt(n));
            }
            case 1 -> { // flip random bytes
                int flips = 1 + rnd.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    b[rnd.nextInt(n)] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 2 -> { // a huge or random 32-bit value anywhere
                int at = rnd.nextInt(n - 4);
                int value = switch (rnd.nextInt(4)) {
                    case 0 -> 0xFFFFFFF0;
                    case 1 -> 0x7FFFFFFF;
                    case 2 -> 0xFFFFFFFF;
                    default -> rnd.nextInt();
                };
                put32(b, at, value);
            }
            case 3 -> { // corrupt the length after a real VR (explicit) or after an item tag
                int at = findHeader(b, rnd.nextInt(n), rnd.nextBoolean());
                if (at >= 0) {
                    int value = rnd.nextBoolean() ? 0xFFFFFFFF : rnd.nextInt(1 << (8 + rnd.nextInt(23)));
                    if (at + 8 <= n) {
                        put32(b, at + 4, value);
                    }
                }
            }
            case 4 -> { // wrong VR
                int at = findHeader(b, rnd.nextInt(n), true);
                if (at >= 0) {
                    String vr = VRS[rnd.nextInt(VRS.length)];
                    b[at + 4] = (byte) vr.charAt(0);
                    b[at + 5] = (byte) vr.charAt(1);
                }
            }
            case 5 -> { // delete a run of bytes
                int at = rnd.nextInt(n);
                int len = Math.min(n - at, 1 + rnd.nextInt(64));
                byte[] out = new byte[n - len];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + len, out, at, n - at - len);
                return out;
            }
            case 6 -> { // insert random bytes
                int at = rnd.nextInt(n);
                byte[] extra = new byte[1 + rnd.nextInt(16)];
                rnd.nextBytes(extra);
                byte[] out = new byte[n + extra.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(extra, 0, out, at, extra.length);
                System.arraycopy(b, at, out, at + extra.length, n - at);
                return out;
            }
            default -> { // a missing element: drop one (top level or in an item) and re-encode
                DataSet ds = DicomReader.parse(in, "original").dataSet();
                return DicomWriter.encode(withoutRandomElement(ds, rnd, 0));
            }
        }
        return b;
    }

    private static DataSet withoutRandomElement(DataSet ds, Random rnd, int depth) {
        List<Element> all = new ArrayList<>(ds.elements().values());
        Element e = all.get(rnd.nextInt(all.size()));
        DataSet.Builder b = ds.toBuilder();
        boolean keepEssentials = depth == 0 && (e.tag() == Tag.SOP_CLASS_UID || e.tag() == Tag.SOP_INSTANCE_UID);
        if (keepEssentials) {
            return ds;
        }
        if (e.isSequence() && !e.items().isEmpty() && rnd.nextBoolean()) {
            List<DataSet> items = new ArrayList<>(e.items());
            int i = rnd.nextInt(items.size());
            if (!items.get(i).elements().isEmpty()) {
                items.set(i, withoutRandomElement(items.get(i), rnd, depth + 1));
            }
            return b.sequence(e.tag(), items).build();
        }
        return b.remove(e.tag()).build();
    }

    /** Offset of an element header (tag then two VR letters) or of an item tag at or after {@code from}; -1 if none. */
    private static int findHeader(byte[] b, int from, boolean vr) {
        for (int i = from; i + 8 <= b.length; i++) {
            if (vr) {
                if (VR.of(b[i + 4] & 0xFF, b[i + 5] & 0xFF) != null && (b[i + 1] != 0 || b[i] != 0)) {
                    return i;
                }
            } else if ((b[i] & 0xFF) == 0xFE && (b[i + 1] & 0xFF) == 0xFF && b[i + 2] == 0 && (b[i + 3] & 0xFF) == 0xE0) {
                return i;
            }
        }
        return -1;
    }

    private static void put32(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }
}
