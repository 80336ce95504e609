package org.seedplan.storage.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.seedplan.geometry.Vec3;

/**
 * What one plan revision says, immutable once stored: the intent (JSON text as given), the CT it was
 * planned on, prescription, seed model and strength, the needles and the seed positions (mm, LPS), and
 * the dose metrics where the server computed them. {@link #checksum} covers all of it.
 *
 * @param needles each needle as entry and tip point, mm LPS
 * @param seeds seed centres, mm LPS, each with the index of its needle or -1
 */
public record PlanContent(String intentJson, String ctSeriesUid, Double prescriptionGy, String sourceModelKey, double strengthU,
        LocalDate calibrationDate, LocalDate implantDate, List<Needle> needles, List<PlannedSeed> seeds, Metrics metrics) {

    /** A needle from entry to tip, mm LPS. */
    public record Needle(Vec3 entryMm, Vec3 tipMm) {
    }

    /** A planned seed: centre (mm LPS) and its needle's index, or -1. */
    public record PlannedSeed(Vec3 centreMm, int needle) {
    }

    /**
     * Dose metrics of the revision (null members where not computed) and the structure (ROI name) they were computed for;
     * {@code structure} is null in rows stored before it was recorded (migration V010), which then name no structure.
     */
    public record Metrics(String structure, Double d90Gy, Double d100Gy, Double v100Percent, Double v150Percent, Double v200Percent,
                          Double ptvCc) {
        /** No metrics. */
        public static final Metrics NONE = new Metrics(null, null, null, null, null, null, null);

        public Metrics {
            if (structure != null && structure.isBlank()) {
                throw new IllegalArgumentException("plan metrics: the structure name is blank; give the ROI name the metrics were computed for");
            }
        }

        /** The structure's name as stored, or "structure not recorded" for metrics stored without it: never a guess. */
        public String structureOrNotRecorded() {
            return structure == null ? "structure not recorded" : structure;
        }
    }

    public PlanContent {
        needles = List.copyOf(needles);
        seeds = List.copyOf(seeds);
        metrics = metrics == null ? Metrics.NONE : metrics;
    }

    /**
     * SHA-256 (hex) of the revision's canonical text: every field above, numbers with 17 significant digits,
     * so that an edit of a stored row (a seed moved by 0.001 mm, the strength changed) is detected.
     */
    public String checksum(long planId, int revision) {
        StringBuilder sb = new StringBuilder();
        sb.append(planId).append('|').append(revision).append('|').append(intentJson).append('|').append(ctSeriesUid).append('|')
                .append(num(prescriptionGy)).append('|').append(sourceModelKey).append('|').append(num(strengthU)).append('|')
                .append(calibrationDate).append('|').append(implantDate).append('|');
        for (Needle n : needles) {
            sb.append("N:").append(vec(n.entryMm())).append('>').append(vec(n.tipMm())).append('|');
        }
        for (PlannedSeed s : seeds) {
            sb.append("S:").append(vec(s.centreMm())).append('@').append(s.needle()).append('|');
        }
        Metrics m = metrics;
        for (Double d : new Double[] {m.d90Gy(), m.d100Gy(), m.v100Percent(), m.v150Percent(), m.v200Percent(), m.ptvCc()}) {
            sb.append(num(d)).append('|');
        }
        // appended only when recorded, so that the checksums of rows stored before V010 stay as they were
        if (m.structure() != null) {
            sb.append("R:").append(m.structure()).append('|');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String vec(Vec3 v) {
        return num(v.x()) + "," + num(v.y()) + "," + num(v.z());
    }

    private static String num(Double d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.17g", d);
    }
}
