package org.seedplan.storage.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a plan revision says: the intent (JSON text as the planner writes it), prescription, source, metrics,
 * needles and seeds. Its SHA-256 over {@link #canonical()} is stored with the revision and checked before use.
 *
 * @param intentJson      the plan intent (PlanIntent JSON), or {@code null}
 * @param ctSeriesUid     Series Instance UID of the planning CT, or {@code null}
 * @param prescriptionGy  prescribed dose, Gy
 * @param sourceModelKey  the seed model's key in the source catalogue (e.g. "6711")
 * @param strengthU       air-kerma strength per seed, U (µGy·m²·h⁻¹)
 * @param calibrationDate date the strength refers to
 * @param implantDate     planned implant date
 * @param d90Gy           D90 of the target, Gy
 * @param d100Gy          D100 of the target, Gy
 * @param v100Percent     V100 of the target, %
 * @param v150Percent     V150 of the target, %
 * @param v200Percent     V200 of the target, %
 * @param ptvCc           target volume, cm³
 * @param needles         needle tracks
 * @param seeds           seed positions
 */
public record PlanContent(String intentJson, String ctSeriesUid, Double prescriptionGy, String sourceModelKey, Double strengthU,
                          LocalDate calibrationDate, LocalDate implantDate, Double d90Gy, Double d100Gy, Double v100Percent,
                          Double v150Percent, Double v200Percent, Double ptvCc, List<PlanNeedle> needles, List<PlanSeed> seeds) {

    public PlanContent {
        needles = needles.stream().sorted(Comparator.comparingInt(PlanNeedle::index)).toList();
        seeds = seeds.stream().sorted(Comparator.comparingInt(PlanSeed::index)).toList();
        if (prescriptionGy != null && !(prescriptionGy > 0)) {
            throw new IllegalArgumentException("plan: prescriptionGy " + prescriptionGy + " is not positive; give the prescribed dose in Gy");
        }
        if (strengthU != null && !(strengthU > 0)) {
            throw new IllegalArgumentException("plan: strengthU " + strengthU + " is not positive; give the air-kerma strength per seed in U");
        }
        for (int i = 0; i < seeds.size(); i++) {
            if (seeds.get(i).index() != i) {
                throw new IllegalArgumentException("plan: seed indices must be 0…" + (seeds.size() - 1) + " without gaps; seed " + seeds.get(i).index() + " is out of place");
            }
        }
        for (int i = 0; i < needles.size(); i++) {
            if (needles.get(i).index() != i) {
                throw new IllegalArgumentException("plan: needle indices must be 0…" + (needles.size() - 1) + " without gaps; needle " + needles.get(i).index() + " is out of place");
            }
        }
    }

    /** The scalar fields by column name (the audit trail compares these). */
    public Map<String, Object> columns() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("intent_json", intentJson);
        m.put("ct_series_uid", ctSeriesUid);
        m.put("prescription_gy", prescriptionGy);
        m.put("source_model_key", sourceModelKey);
        m.put("strength_u", strengthU);
        m.put("calibration_date", calibrationDate);
        m.put("implant_date", implantDate);
        m.put("d90_gy", d90Gy);
        m.put("d100_gy", d100Gy);
        m.put("v100_percent", v100Percent);
        m.put("v150_percent", v150Percent);
        m.put("v200_percent", v200Percent);
        m.put("ptv_cc", ptvCc);
        m.put("seed_count", seeds.size());
        m.put("needle_count", needles.size());
        return m;
    }

    /** The canonical text the checksum covers: every field as {@code name=value} lines, then needles and seeds in order. */
    public String canonical() {
        StringBuilder sb = new StringBuilder("seedplan-plan-v1\n");
        columns().forEach((k, v) -> sb.append(k).append('=').append(v == null ? "" : v.toString().replace("\n", "\\n")).append('\n'));
        for (PlanNeedle n : needles) {
            sb.append("needle=").append(n.index()).append(',').append(n.entryXMm()).append(',').append(n.entryYMm()).append(',')
                    .append(n.entryZMm()).append(',').append(n.tipXMm()).append(',').append(n.tipYMm()).append(',').append(n.tipZMm()).append('\n');
        }
        for (PlanSeed s : seeds) {
            sb.append("seed=").append(s.index()).append(',').append(s.needleIndex() == null ? "" : s.needleIndex()).append(',')
                    .append(s.xMm()).append(',').append(s.yMm()).append(',').append(s.zMm()).append('\n');
        }
        return sb.toString();
    }

    /** SHA-256 (hex) of {@link #canonical()}. */
    public String checksum() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
