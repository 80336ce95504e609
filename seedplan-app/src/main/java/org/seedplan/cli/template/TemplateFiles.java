package org.seedplan.cli.template;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seedplan.dicom.UmaskFiles;
import org.seedplan.geometry.Vec3;
import org.seedplan.io.MetricsJson;
import org.seedplan.planning.template.StlWriter;
import org.seedplan.planning.template.TemplateChannel;
import org.seedplan.planning.template.TemplateDesign;
import org.seedplan.planning.template.TemplateOptions;

/**
 * Writes a template's files beside each other, all or nothing: the STL, {@code template-channels.csv}
 * and {@code template-channels.json} (format "seedplan-template/1", docs/template.md), and for a
 * coplanar-template plan {@code template-holes.csv}, the hole sheet of the operating room. Each file
 * is written to a hidden temporary file in the same folder and all are moved into place at the end.
 */
final class TemplateFiles {

    static final String FORMAT = "seedplan-template/1";
    static final String CHANNELS_CSV = "template-channels.csv";
    static final String CHANNELS_JSON = "template-channels.json";
    static final String HOLES_CSV = "template-holes.csv";

    private TemplateFiles() {
    }

    /** The names written beside {@code stl} for a plan. */
    static List<Path> paths(Path stl, boolean coplanar) {
        Path dir = stl.toAbsolutePath().getParent();
        List<Path> out = new ArrayList<>(List.of(stl.toAbsolutePath(), dir.resolve(CHANNELS_CSV), dir.resolve(CHANNELS_JSON)));
        if (coplanar) {
            out.add(dir.resolve(HOLES_CSV));
        }
        return out;
    }

    static void write(Path stl, TemplateDesign t, PlanNeedles plan, TemplateOptions o, String patientId) {
        Map<Path, Path> staged = new LinkedHashMap<>();
        // a hidden folder made with ordinary permissions, so that the files carry the user's umask (createTempFile's are
        // owner-only, and a moved file keeps its permissions)
        Path staging = UmaskFiles.createHiddenFolder(stl);
        try {
            List<Path> targets = paths(stl, plan.coplanar());
            for (Path target : targets) {
                staged.put(target, staging.resolve(target.getFileName()));
            }
            try (OutputStream out = Files.newOutputStream(staged.get(targets.get(0)))) {
                StlWriter.write(t.mesh(), "template " + patientId + " mm LPS", out);
            }
            Files.writeString(staged.get(targets.get(1)), channelsCsv(t), StandardCharsets.UTF_8);
            Files.writeString(staged.get(targets.get(2)), MetricsJson.write(json(t, plan, o, patientId, stl.getFileName().toString())),
                    StandardCharsets.UTF_8);
            if (plan.coplanar()) {
                Files.writeString(staged.get(targets.get(3)), holesCsv(plan), StandardCharsets.UTF_8);
            }
            for (Map.Entry<Path, Path> e : staged.entrySet()) {
                try {
                    Files.move(e.getValue(), e.getKey(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException x) {
                    Files.move(e.getValue(), e.getKey(), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(stl + ": cannot write the template (" + e.getMessage() + ")", e);
        } finally {
            for (Path tmp : staged.values()) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover hidden temporary file is harmless
                }
            }
            try {
                Files.deleteIfExists(staging);
            } catch (IOException ignored) {
                // as above
            }
        }
    }

    static String channelsCsv(TemplateDesign t) {
        StringBuilder b = new StringBuilder("needle,label,entry_x_mm,entry_y_mm,entry_z_mm,exit_x_mm,exit_y_mm,exit_z_mm,"
                + "skin_x_mm,skin_y_mm,skin_z_mm,tip_x_mm,tip_y_mm,tip_z_mm,depth_to_deepest_seed_mm,depth_to_tip_mm,skin_angle_deg\n");
        for (TemplateChannel c : t.channels()) {
            b.append(c.name()).append(',').append(c.label());
            for (Vec3 p : List.of(c.topMm(), c.bottomMm(), c.skinEntryMm(), c.tipMm())) {
                b.append(',').append(f2(p.x())).append(',').append(f2(p.y())).append(',').append(f2(p.z()));
            }
            b.append(',').append(f2(c.depthToDeepestSeedMm())).append(',').append(f2(c.depthToTipMm())).append(',')
                    .append(String.format(Locale.ROOT, "%.1f", c.skinAngleDeg())).append('\n');
        }
        return b.toString();
    }

    static String holesCsv(PlanNeedles plan) {
        StringBuilder b = new StringBuilder("hole,needle,hole_x_mm,hole_y_mm,hole_z_mm,depth_to_deepest_seed_mm,depth_to_tip_mm,seeds,loading\n");
        for (PlanNeedles.Needle n : plan.needles()) {
            Vec3 dir = n.needle().direction();
            b.append(n.hole()).append(',').append(n.needle().label());
            b.append(',').append(f2(n.holeMm().x())).append(',').append(f2(n.holeMm().y())).append(',').append(f2(n.holeMm().z()));
            b.append(',').append(f2(n.needle().deepestSeedMm().minus(n.holeMm()).dot(dir)));
            b.append(',').append(f2(n.needle().tipMm().minus(n.holeMm()).dot(dir)));
            b.append(',').append(n.seeds()).append(',').append(n.loading()).append('\n');
        }
        return b.toString();
    }

    static ObjectNode json(TemplateDesign t, PlanNeedles plan, TemplateOptions o, String patientId, String stlName) {
        ObjectNode root = MetricsJson.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("patient_id", patientId);
        root.put("stl", stlName);
        root.put("coordinates", "DICOM patient (LPS), mm");
        ObjectNode opt = root.putObject("options");
        opt.put("thickness_mm", o.thicknessMm());
        opt.put("clearance_mm", o.clearanceMm());
        opt.put("needle_diameter_mm", o.needleDiameterMm());
        opt.put("channel_diameter_mm", 2 * o.channelRadiusMm());
        opt.put("sleeve_length_mm", o.sleeveLengthMm());
        opt.put("sleeve_wall_mm", o.sleeveWallMm());
        opt.put("region_margin_mm", o.regionMarginMm());
        opt.put("skin_hu", o.skinHu());
        opt.put("bone_hu", o.boneHu());
        opt.put("voxel_mm", o.voxelMm());
        ObjectNode mesh = root.putObject("mesh");
        mesh.put("triangles", t.mesh().triangleCount());
        mesh.put("volume_mm3", r(t.mesh().volumeMm3()));
        mesh.put("stl_bytes", StlWriter.sizeBytes(t.mesh().triangleCount()));
        mesh.put("build_seconds", r(t.buildSeconds()));
        ArrayNode chs = root.putArray("channels");
        for (TemplateChannel c : t.channels()) {
            ObjectNode x = chs.addObject();
            x.put("needle", c.name());
            x.put("label", c.label());
            vec(x.putArray("entry_mm"), c.topMm());
            vec(x.putArray("exit_mm"), c.bottomMm());
            vec(x.putArray("skin_mm"), c.skinEntryMm());
            vec(x.putArray("tip_mm"), c.tipMm());
            vec(x.putArray("deepest_seed_mm"), c.deepestSeedMm());
            vec(x.putArray("direction"), c.direction());
            x.put("depth_to_deepest_seed_mm", r(c.depthToDeepestSeedMm()));
            x.put("depth_to_tip_mm", r(c.depthToTipMm()));
            x.put("skin_angle_deg", r(c.skinAngleDeg()));
        }
        ArrayNode holes = root.putArray("registration_holes");
        for (Vec3 h : t.registrationHolesMm()) {
            ObjectNode x = holes.addObject();
            vec(x.putArray("centre_mm"), h);
            vec(x.putArray("axis"), t.registrationAxis());
            x.put("diameter_mm", TemplateOptions.REGISTRATION_HOLE_DIAMETER_MM);
        }
        ArrayNode lasers = root.putArray("laser_planes");
        t.laserPlanes().forEach(lasers::add);
        vec(root.putArray("head_arrow_mm"), t.headArrowMm());
        ArrayNode warnings = root.putArray("warnings");
        t.warnings().forEach(warnings::add);
        plan.skipped().forEach(warnings::add);
        return root;
    }

    private static void vec(ArrayNode a, Vec3 v) {
        a.add(r(v.x())).add(r(v.y())).add(r(v.z()));
    }

    /** Rounds to 3 decimals (1 µm) for readable files. */
    private static double r(double v) {
        return Math.round(v * 1e3) / 1e3;
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
