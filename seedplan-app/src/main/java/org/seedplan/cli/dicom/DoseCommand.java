package org.seedplan.cli.dicom;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seedplan.dicom.DicomDvh;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.UmaskFiles;
import org.seedplan.dicom.consistency.Consistency;
import org.seedplan.dicom.ct.CtSeries;
import org.seedplan.dicom.ct.CtSeriesReader;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Uids;
import org.seedplan.dicom.rtdose.RtDose;
import org.seedplan.dicom.rtdose.RtDoseReader;
import org.seedplan.dicom.rtdose.RtDoseWriter;
import org.seedplan.dicom.rtplan.BrachyPlan;
import org.seedplan.dicom.rtplan.ImplantSource;
import org.seedplan.dicom.rtplan.RtPlanReader;
import org.seedplan.dicom.rtstruct.Roi;
import org.seedplan.dicom.rtstruct.RtStructReader;
import org.seedplan.dicom.rtstruct.RtStructureSet;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.FastDoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.report.MetricsTable;
import org.seedplan.structure.MaskRasterizer;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureBounds;
import org.seedplan.structure.StructureType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seedplan dose}: TG-43 total dose of the seeds of an imported RT Plan, written as RT Dose. */
@Command(name = "dose", mixinStandardHelpOptions = true,
        description = "Compute the TG-43 total dose (Gy, permanent implant) of the seeds in a DICOM RT Plan (Brachy Treatment"
                + " Technique PERMANENT, LDR) with the plan's seed model and its strength decayed to --implant-date, and write it as"
                + " RT Dose referencing the plan, in the CT's study and Frame of Reference. CT, structure set and plan must belong"
                + " together. The dose grid covers the seeds and every ROI of the structure set but the body outline, plus a margin.")
public final class DoseCommand implements Callable<Integer> {

    @Option(names = "--ct", required = true, description = "folder holding the CT series of the plan")
    Path ct;

    @Option(names = "--series", description = "Series Instance UID of the CT series, when the folder holds several")
    String series;

    @Option(names = "--rtstruct", required = true, description = "RT Structure Set file")
    Path rtstruct;

    @Option(names = "--rtplan", required = true, description = "RT Plan file of the seed implant")
    Path rtplan;

    @Option(names = "--out-file", required = true, paramLabel = "FILE", description = "RT Dose file to write (replaced if present)")
    Path out;

    @Option(names = "--grid-mm", defaultValue = "1.0", description = "dose grid spacing, mm (default ${DEFAULT-VALUE})")
    double gridMm;

    @Option(names = "--margin-mm", defaultValue = "15", description = "margin around seeds and targets, mm (default ${DEFAULT-VALUE})")
    double marginMm;

    @Option(names = "--bits", defaultValue = "32", description = "bits per dose value in the file: 32 (default) or 16")
    int bits;

    @Option(names = "--rx-gy", description = "prescription, Gy: also print the metrics of the target ROIs")
    Double rxGy;

    @Mixin
    PlanSourceOptions source;

    @Option(names = "--engine", defaultValue = "tg43", paramLabel = "tg43|mc",
            description = "dose engine: tg43 (TG-43U1 superposition in water, default) or mc (model-based, TG-186: Monte Carlo in the"
                    + " CT's tissues; writes the dose --mc-report names and prints it beside TG-43; needs --rx-gy)")
    String engine;

    @Mixin
    org.seedplan.cli.dose.ModelBasedOptions mc;

    @Override
    public Integer call() {
        if (!(gridMm >= 0.2 && gridMm <= 10)) {
            throw new IllegalArgumentException("--grid-mm must lie in [0.2, 10] mm, got " + gridMm);
        }
        if (!(marginMm >= 0 && marginMm <= 100)) {
            throw new IllegalArgumentException("--margin-mm must lie in [0, 100] mm, got " + marginMm);
        }
        if (bits != 16 && bits != 32) {
            throw new IllegalArgumentException("--bits must be 16 or 32, got " + bits);
        }
        if (rxGy != null) {
            org.seedplan.dvh.DoseMetricsCalculator.requirePrescription("--rx-gy", rxGy);
        }
        boolean modelBased = switch (engine.trim().toLowerCase(Locale.ROOT)) {
            case "tg43" -> false;
            case "mc" -> true;
            default -> throw new IllegalArgumentException("--engine '" + engine + "': give tg43 (TG-43U1, default) or mc (model-based Monte Carlo)");
        };
        if (!modelBased && mc.anyGiven()) {
            throw new IllegalArgumentException("--mc-report, --hu-density, --tissue, --soft-tissue and the --mc-… options belong to the model-based dose:"
                    + " add --engine mc, or leave them out");
        }
        if (modelBased) {
            mc.check();
            if (rxGy == null) {
                throw new IllegalArgumentException("--engine mc needs --rx-gy: the model-based dose is reported beside TG-43 with the"
                        + " targets' D90 and V100, which need the prescription (Gy)");
            }
        }
        Path target = out.toAbsolutePath().normalize();
        for (Path in : new Path[] {ct, rtstruct, rtplan}) {
            Path input = in.toAbsolutePath().normalize();
            if (target.equals(input) || (Files.isDirectory(input) && target.startsWith(input))) {
                throw new IllegalArgumentException("--out-file " + out + " would overwrite or land inside the input " + in
                        + ": write the RT Dose elsewhere");
            }
        }
        CtSeries ctSeries = CtSeriesReader.read(ct, series);
        RtStructureSet rs = RtStructReader.read(rtstruct);
        Consistency.requireDrawnOn(rs, ctSeries, ct.toString());
        BrachyPlan plan = RtPlanReader.readSeedImplant(rtplan);
        Consistency.requirePlanOn(plan, rs);
        ImplantSource implant = source.resolve(plan);
        List<Seed> seeds = implant.seeds(plan);
        List<String> notes = new ArrayList<>();
        List<Roi> covered = new ArrayList<>();
        for (Roi r : rs.rois()) {
            if (r.contours().isEmpty()) {
                continue;
            }
            if (r.type() == StructureType.EXTERNAL) {
                notes.add("ROI " + r.number() + " '" + r.name() + "' (EXTERNAL, the body outline) is left out of the dose grid:"
                        + " covering it would compute dose far from the seeds; dvh reports its part outside the grid");
            } else {
                covered.add(r);
            }
        }
        if (rxGy != null && covered.stream().noneMatch(r -> r.type().isTarget())) {
            throw new IllegalArgumentException(rtstruct + ": no GTV, CTV or PTV ROI to report metrics for: leave out --rx-gy");
        }
        Grid grid = doseGrid(seeds, covered.stream().map(r -> r.structure().orElseThrow()).toList());
        ModelBasedDoseRun.Outcome modelBasedRun = modelBased
                ? ModelBasedDoseRun.run(ctSeries.volume(), ctSeries.patient().sex(), covered, implant.model(), seeds, grid, source.permanent(implant), rxGy, mc) : null;
        DoseGrid dose = modelBased ? modelBasedRun.evaluation().modelBased().dose()
                : new FastDoseEngine(source.kernel(implant)).dose(seeds, grid, source.permanent(implant));
        StudyContext study = new StudyContext(ctSeries.patient(), ctSeries.studyInstanceUid(), ctSeries.frameOfReferenceUid(),
                LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS));
        DataSet rd = RtDoseWriter.write(dose, bits == 16 ? RtDoseWriter.Bits.SIXTEEN : RtDoseWriter.Bits.THIRTY_TWO, study,
                Uids.newUid(), Uids.newUid(), plan.sopInstanceUid());
        if (modelBased) {
            rd = ModelBasedDoseRun.labelled(rd, modelBasedRun.evaluation().modelBased().specification());
        }
        UmaskFiles.writeAtomically(out, DicomWriter.encode(rd));
        implant.reportLines().forEach(System.out::println);
        System.out.printf(Locale.ROOT, "%d seeds (S_K at implant %s U); dose grid %d × %d × %d at %.2f mm over the seeds and %d ROIs;"
                        + " max %.1f Gy%n", seeds.size(), strengths(seeds), grid.nx(), grid.ny(), grid.nz(), gridMm, covered.size(),
                dose.maxGy());
        notes.forEach(n -> System.out.println("note: " + n));
        System.out.println("wrote " + out);
        if (modelBased) {
            modelBasedRun.lines().forEach(System.out::println);
        } else if (rxGy != null) {
            List<String> targets = covered.stream().filter(r -> r.type().isTarget()).map(r -> String.valueOf(r.number())).toList();
            if (targets.isEmpty()) {
                throw new IllegalArgumentException(rtstruct + ": no GTV, CTV or PTV ROI to report metrics for");
            }
            RtDose written = RtDoseReader.read(out);
            DicomDvh.Result r = DicomDvh.evaluate(ctSeries, ct.toString(), rs, written, rxGy, targets);
            System.out.print(MetricsTable.render(r.metrics()));
        }
        return 0;
    }

    /** A grid of --grid-mm spacing over the seeds and the ROIs' contour slabs, plus the margin. */
    private Grid doseGrid(List<Seed> seeds, List<Structure> structures) {
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        List<Vec3> points = new ArrayList<>();
        seeds.forEach(s -> points.add(s.centreMm()));
        for (Structure t : structures) {
            StructureBounds b = MaskRasterizer.boundsMm(t, gridMm);
            points.add(b.minMm());
            points.add(b.maxMm());
        }
        for (Vec3 p : points) {
            double[] c = {p.x(), p.y(), p.z()};
            for (int a = 0; a < 3; a++) {
                lo[a] = Math.min(lo[a], c[a] - marginMm);
                hi[a] = Math.max(hi[a], c[a] + marginMm);
            }
        }
        return Grid.covering(new Vec3(lo[0], lo[1], lo[2]), new Vec3(hi[0], hi[1], hi[2]), gridMm, gridMm, gridMm);
    }

    private static String strengths(List<Seed> seeds) {
        double min = seeds.stream().mapToDouble(Seed::skU).min().orElse(0);
        double max = seeds.stream().mapToDouble(Seed::skU).max().orElse(0);
        return min == max ? String.format(Locale.ROOT, "%.3f", min) : String.format(Locale.ROOT, "%.3f–%.3f", min, max);
    }
}
