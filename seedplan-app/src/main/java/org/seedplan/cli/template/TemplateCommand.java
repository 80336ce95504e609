package org.seedplan.cli.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seedplan.dicom.ct.CtSeries;
import org.seedplan.dicom.ct.CtSeriesReader;
import org.seedplan.io.OutputFolder;
import org.seedplan.dicom.rtstruct.RtStructReader;
import org.seedplan.dicom.rtstruct.RtStructureSet;
import org.seedplan.geometry.Volume;
import org.seedplan.planning.template.BodyContourSkin;
import org.seedplan.planning.template.StlWriter;
import org.seedplan.planning.template.TemplateChannel;
import org.seedplan.planning.template.TemplateDesign;
import org.seedplan.planning.template.TemplateDesigner;
import org.seedplan.planning.template.TemplateOptions;
import org.seedplan.structure.MaskRasterizer;
import org.seedplan.structure.Structure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seedplan template}: the 3D-printed template of a plan as a binary STL in patient
 * coordinates, with the channel sheet (entry, exit, depth to the deepest seed per needle) beside it.
 */
@Command(name = "template", mixinStandardHelpOptions = true,
        description = {"Design the 3D-printed needle template of a plan from its planning CT: a shell over the skin around the",
            "needle entries, a guided channel per needle labelled with its number, registration holes and laser marks.",
            "Writes the STL (binary, mm, DICOM patient coordinates) and template-channels.csv/.json beside it; for a",
            "coplanar-template plan also template-holes.csv (hole, position, depth). See docs/template.md."})
public final class TemplateCommand implements Callable<Integer> {

    @Option(names = "--plan", required = true, description = "the plan: plan.json from 'seedplan plan --out', or a seed-implant RT Plan (DICOM)")
    Path plan;

    @Option(names = "--ct", required = true, description = "folder with the planning CT series (DICOM)")
    Path ctDir;

    @Option(names = "--series", description = "Series Instance UID of the planning CT, when the folder holds several")
    String series;

    @Option(names = "--out", required = true, description = "the STL file to write (the sheets go into the same folder)")
    Path out;

    @Option(names = "--thickness-mm", defaultValue = "3", description = "shell thickness (default ${DEFAULT-VALUE} mm)")
    double thicknessMm;

    @Option(names = "--clearance-mm", defaultValue = "1", description = "gap between skin and shell (default ${DEFAULT-VALUE} mm)")
    double clearanceMm;

    @Option(names = "--region-margin-mm", defaultValue = "15", description = "shell beyond the outermost entry points (default ${DEFAULT-VALUE} mm)")
    double regionMarginMm;

    @Option(names = "--gauge", defaultValue = "18", description = "needle gauge, 14-22 (default ${DEFAULT-VALUE} G = 1.27 mm)")
    int gauge;

    @Option(names = "--channel-clearance-mm", defaultValue = "0.3", description = "channel diameter beyond the needle's (default ${DEFAULT-VALUE} mm)")
    double channelClearanceMm;

    @Option(names = "--sleeve-mm", defaultValue = "10", description = "sleeve length above the shell, for angular guidance (default ${DEFAULT-VALUE} mm)")
    double sleeveMm;

    @Option(names = "--sleeve-wall-mm", defaultValue = "1.5", description = "sleeve wall thickness (default ${DEFAULT-VALUE} mm)")
    double sleeveWallMm;

    @Option(names = "--skin-hu", defaultValue = "-500", description = "CT value of the skin surface (default ${DEFAULT-VALUE} HU)")
    double skinHu;

    @Option(names = "--body-rtstruct", description = "RT Structure Set with the body contour: the skin is that contour instead of --skin-hu")
    Path bodyRtstruct;

    @Option(names = "--body", description = "with --body-rtstruct: the body contour's name (e.g. Body, External)")
    String bodyName;

    @Option(names = "--bone-hu", defaultValue = "300", description = "CT value from which a needle path counts as bone (default ${DEFAULT-VALUE} HU)")
    double boneHu;

    @Option(names = "--min-entry-angle-deg", defaultValue = "30", description = "report channels flatter than this to the skin (default ${DEFAULT-VALUE}°)")
    double minEntryAngleDeg;

    @Option(names = "--voxel-mm", defaultValue = "0.4", description = "sampling of the mesh (default ${DEFAULT-VALUE} mm)")
    double voxelMm;

    @Override
    public Integer call() {
        if ((bodyRtstruct == null) != (bodyName == null)) {
            throw new IllegalArgumentException("--body-rtstruct and --body go together: give the RT Structure Set and the body contour's name,"
                    + " or neither (the skin is then where the CT reaches --skin-hu)");
        }
        TemplateOptions o = new TemplateOptions(thicknessMm, clearanceMm, TemplateOptions.gaugeDiameterMm(gauge), channelClearanceMm, sleeveMm,
                sleeveWallMm, regionMarginMm, bodyName != null ? BodyContourSkin.SKIN_HU : skinHu, boneHu, minEntryAngleDeg, voxelMm);
        if (!Files.isRegularFile(plan)) {
            throw new IllegalArgumentException("--plan " + plan + ": no such file: give plan.json or an RT Plan");
        }
        if (!Files.isDirectory(ctDir)) {
            throw new IllegalArgumentException("--ct " + ctDir + ": no such folder: give the folder of the planning CT");
        }
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".stl") || Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + ": give a file name ending in .stl");
        }
        for (Path p : TemplateFiles.paths(out, true)) {
            OutputFolder.refuseInputFile("--out", p, plan, ctDir, bodyRtstruct);
        }
        CtSeries ct = CtSeriesReader.read(ctDir, series);
        PlanNeedles needles = PlanNeedles.read(plan);
        String ctPatient = ct.patient().id();
        if (!needles.patientId().isBlank() && !ctPatient.isBlank() && !needles.patientId().equals(ctPatient)) {
            throw new IllegalArgumentException("--plan " + plan + " is for patient '" + needles.patientId() + "' but the CT in " + ctDir
                    + " is of patient '" + ctPatient + "': give the plan and the CT of one patient");
        }
        if (!needles.frameOfReference().isBlank() && !ct.frameOfReferenceUid().isBlank()
                && !needles.frameOfReference().equals(ct.frameOfReferenceUid())) {
            throw new IllegalArgumentException("--plan " + plan + ": its Frame of Reference " + needles.frameOfReference() + " is not the CT's ("
                    + ct.frameOfReferenceUid() + "): give the CT the plan was made on");
        }
        Volume skin = bodyName == null ? ct.volume() : bodyContour(ct);
        TemplateDesign t = TemplateDesigner.design(ct.volume(), skin, needles.templateNeedles(), o);
        String patient = !needles.patientId().isBlank() ? needles.patientId() : ctPatient;
        TemplateFiles.write(out, t, needles, o, patient);
        System.out.printf(Locale.ROOT, "template: %d channels, %d triangles (%.1f MB), %.1f cm³ of plastic, built in %.1f s%n",
                t.channels().size(), t.mesh().triangleCount(), StlWriter.sizeBytes(t.mesh().triangleCount()) / 1e6,
                t.mesh().volumeMm3() / 1000, t.buildSeconds());
        for (TemplateChannel c : t.channels()) {
            System.out.printf(Locale.ROOT, "  %-22s depth from channel top: %6.1f mm to the deepest seed, %6.1f mm to the tip%n", c.name(),
                    c.depthToDeepestSeedMm(), c.depthToTipMm());
        }
        System.out.println("  registration holes: " + t.registrationHolesMm().size() + "; laser marks in the planes "
                + String.join(" and ", t.laserPlanes()) + " (mm)");
        t.warnings().forEach(w -> System.out.println("  warning: " + w));
        needles.skipped().forEach(w -> System.out.println("  left out: " + w));
        System.out.println("  written: " + String.join(", ", TemplateFiles.paths(out, needles.coplanar()).stream().map(Path::toString).toList()));
        return 0;
    }

    /** The body contour of --body-rtstruct on the CT's grid, as the skin. */
    private Volume bodyContour(CtSeries ct) {
        RtStructureSet set = RtStructReader.read(bodyRtstruct);
        if (!set.patientId().isBlank() && !ct.patient().id().isBlank() && !set.patientId().equals(ct.patient().id())) {
            throw new IllegalArgumentException("--body-rtstruct " + bodyRtstruct + " is of patient '" + set.patientId() + "' but the CT in "
                    + ctDir + " is of patient '" + ct.patient().id() + "': give the structure set drawn on this CT");
        }
        Structure body = set.structures().stream().filter(s -> s.name().equals(bodyName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--body '" + bodyName + "' is not in " + bodyRtstruct + ", which holds "
                        + set.structures().stream().map(Structure::name).toList() + ": name one of them"));
        return BodyContourSkin.of(MaskRasterizer.rasterize(body, ct.volume().grid()));
    }
}
