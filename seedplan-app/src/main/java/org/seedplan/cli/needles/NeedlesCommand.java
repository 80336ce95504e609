package org.seedplan.cli.needles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.seedplan.cli.planning.IntentJson;
import org.seedplan.cli.planning.PlanFiles;
import org.seedplan.cli.planning.ProgressBar;
import org.seedplan.dicom.ct.CtSeries;
import org.seedplan.dicom.ct.CtSeriesReader;
import org.seedplan.geometry.Vec3;
import org.seedplan.io.CaseJson;
import org.seedplan.io.OutputFolder;
import org.seedplan.planning.GoalResult;
import org.seedplan.planning.Planner;
import org.seedplan.planning.PlanningCase;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.verify.needles.FoundNeedle;
import org.seedplan.verify.needles.NeedleFinder;
import org.seedplan.verify.needles.NeedleFinding;
import org.seedplan.verify.needles.NeedleMatch;
import org.seedplan.verify.needles.NeedleMatcher;
import org.seedplan.verify.needles.NeedleMatching;
import org.seedplan.verify.needles.NeedleReplanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seedplan needles}: finds the needles on an intra-operative CT, compares them with the plan and re-plans around them. */
@Command(name = "needles", mixinStandardHelpOptions = true,
        description = {"Find the needles on an intra-operative CT, pair them with the planned needles and report each needle's tip"
                + " error (mm) and angle error (degrees); with --out also re-plan the seeds around the needles as placed.",
                "Writes needles.csv and the re-optimised plan (the files of seedplan plan --out, plus intent.json with the found"
                        + " needles as fixed needles). Details: docs/needles.md."})
public final class NeedlesCommand implements Callable<Integer> {

    @Option(names = "--ct", required = true, description = "folder holding the intra-operative CT series (DICOM), in the plan's frame")
    Path ctDir;

    @Option(names = "--series", description = "Series Instance UID of the CT series, when the folder holds several")
    String series;

    @Option(names = "--plan", required = true, description = "plan.json written by seedplan plan --out (or demo --out)")
    Path planFile;

    @Option(names = "--case", description = "case file (JSON) the plan was made on, for the re-plan (default: case.json beside --plan)")
    Path caseFile;

    @Option(names = "--intent", description = "plan intent (JSON) the plan was made with, for the re-plan (default: intent.json beside"
            + " --plan)")
    Path intentFile;

    @Option(names = "--out", description = "write needles.csv and the re-optimised plan into this folder")
    Path out;

    @Option(names = "--tip-gate-mm", defaultValue = "20", description = "a found needle whose tip lies farther from a planned tip is"
            + " not paired with it (default ${DEFAULT-VALUE})")
    double tipGateMm;

    @Option(names = "--angle-gate-deg", defaultValue = "15", description = "nor one whose axis differs by more (default ${DEFAULT-VALUE})")
    double angleGateDeg;

    @Option(names = "--bevel-mm", description = "the needles' bevel length along the axis, mm (0 < X <= 10; 18 G ground at 20°: 3.5, at"
            + " 30°: 2.2), used for the tips instead of the length estimated from the scan")
    Double bevelMm;

    @Option(names = "--leave-out", paramLabel = "N[,N...]", description = "found needles (numbered as needles.csv's found_needle) that are"
            + " not needles in the patient (a streak or a chain of seeds read as a needle): not fixed and given no seeds in the re-plan")
    String leaveOut;

    /** The files written into --out besides the plan's. */
    static final List<String> OWN_FILES = List.of("needles.csv", "intent.json");

    @Override
    public Integer call() {
        if (!(tipGateMm > 0) || !(angleGateDeg > 0 && angleGateDeg <= 90)) {
            throw new IllegalArgumentException("--tip-gate-mm " + tipGateMm + " / --angle-gate-deg " + angleGateDeg
                    + ": give a positive distance in mm and an angle in (0, 90] degrees");
        }
        if (bevelMm != null && !(bevelMm > 0 && bevelMm <= 10)) {
            throw new IllegalArgumentException("--bevel-mm " + bevelMm + ": give the needles' bevel length along the axis, more than 0 and at"
                    + " most 10 mm (18 G ground at 20° is 3.5 mm), or leave --bevel-mm out to estimate it from the scan");
        }
        Set<Integer> leftOut = leaveOut(leaveOut);
        NeedleMatcher matcher = new NeedleMatcher(tipGateMm, angleGateDeg);
        Path caseIn = caseFile != null ? caseFile : sibling("case.json");
        Path intentIn = intentFile != null ? intentFile : sibling("intent.json");
        if (out != null) {
            List<String> names = new ArrayList<>(PlanFiles.names());
            names.addAll(OWN_FILES);
            OutputFolder.refuseInputs("--out", out, names, planFile, caseIn, intentIn, ctDir);
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new IllegalArgumentException("--out " + out + " is a file, not a folder: give a folder for the output");
            }
            for (Path in : new Path[] {caseIn, intentIn}) {
                if (!Files.isRegularFile(in)) {
                    throw new IllegalArgumentException("the re-plan needs " + in + ", which does not exist: give --case and --intent (the"
                            + " case file and intent the plan was made with), or leave --out out to compare only");
                }
            }
        }
        List<PlannedNeedles.Numbered> planned = PlannedNeedles.read(planFile);
        PlanIntent intent = out == null ? null : IntentJson.read(intentIn);
        PlanningCase planningCase = out == null ? null : PlanningCase.of(CaseJson.read(caseIn), null);
        ProgressBar bar = new ProgressBar(System.err, System.console() != null);
        bar.progress("reading the CT", 0.05);
        CtSeries ct = CtSeriesReader.read(ctDir, series);
        bar.progress("finding needles", 0.2);
        NeedleFinding finding = (bevelMm == null ? new NeedleFinder() : new NeedleFinder(bevelMm)).find(ct.volume());
        NeedleMatching matching = matcher.match(planned.stream().map(PlannedNeedles.Numbered::needle).toList(), finding.needles());
        for (int j : leftOut) {
            if (j >= matching.found().size()) {
                throw new IllegalArgumentException("--leave-out " + leaveOut + ": " + matching.found().size() + " needles were found on --ct "
                        + ctDir + ", so there is no found needle " + (j + 1) + ": name found needles 1 to " + matching.found().size()
                        + " (needles.csv's found_needle)");
            }
        }
        List<String> lines = report(planned, finding, matching, leftOut);
        if (out != null) {
            if (matching.found().isEmpty()) {
                throw new IllegalArgumentException("--ct " + ctDir + ": no needle found on the scan, so there is nothing to re-plan around:"
                        + " check that the series is the intra-operative CT with the needles in place");
            }
            bar.progress("re-planning around the needles", 0.4);
            NeedleReplanner.Replanned re = new NeedleReplanner(Planner.builtIn()).replan(planningCase, intent, matching.found(), leftOut, bar);
            try (OutputFolder folder = OutputFolder.open(out)) {
                folder.writeString("needles.csv", NeedlesCsv.write(planned, matching, leftOut));
                folder.writeString("intent.json", IntentJson.write(re.intent()));
                PlanFiles.writeInto(folder, re.plan(), re.geometry(), null, null);
                folder.commit();
            }
            re.warnings().forEach(w -> lines.add(0, "WARNING: " + w));
            List<Integer> notFound = matching.unmatchedPlanned();
            for (int k = notFound.size() - 1; k >= 0; k--) {
                PlannedNeedles.Numbered p = planned.get(notFound.get(k));
                lines.add(0, "WARNING: " + NeedleReplanner.notFoundWarning(p.number(), p.needle().tipMm()));
            }
            lines.add(String.format(Locale.ROOT, "re-plan around the %d needles found%s: %d seeds on %d needles, goals %s",
                    matching.found().size() - leftOut.size(), leftOut.isEmpty() ? "" : " and not left out", re.plan().seedCount(), re.plan().needleCount(), re.plan().allGoalsMet() ? "all met" : "NOT all met"));
            for (GoalResult g : re.plan().goals()) {
                lines.add(String.format(Locale.ROOT, "  %-12s %-18s %8.1f %-2s  %s", g.structure(), g.goal(), g.value(), g.unit(),
                        g.met() ? "met" : "NOT MET"));
            }
            re.plan().statements().forEach(s -> lines.add("  " + s));
            List<String> names = new ArrayList<>(OWN_FILES);
            names.addAll(PlanFiles.names());
            lines.add("written to " + out + ": " + String.join(", ", names));
        }
        bar.progress("done", 1.0);
        lines.forEach(System.out::println);
        return 0;
    }

    /**
     * The found needles to leave out as 0-based indices, from --leave-out's "N[,N...]" (numbers from 1); empty when not given. Whether
     * each is a found needle is checked once the needles are found.
     */
    static Set<Integer> leaveOut(String option) {
        Set<Integer> out = new TreeSet<>();
        if (option == null) {
            return out;
        }
        for (String part : option.split(",", -1)) {
            int n;
            try {
                n = Integer.parseInt(part.strip());
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1) {
                throw new IllegalArgumentException("--leave-out " + option + ": give found needle numbers from 1, separated by commas (as"
                        + " needles.csv's found_needle lists them), e.g. --leave-out 3 or --leave-out 3,7");
            }
            out.add(n - 1);
        }
        return out;
    }

    private Path sibling(String name) {
        Path parent = planFile.toAbsolutePath().getParent();
        return parent == null ? Path.of(name) : parent.resolve(name);
    }

    /** What is printed: notes first, then each planned needle with its match and errors, then the found needles matched to none. */
    private static List<String> report(List<PlannedNeedles.Numbered> planned, NeedleFinding finding, NeedleMatching m, Set<Integer> leftOut) {
        List<String> lines = new ArrayList<>();
        if (!m.unmatchedPlanned().isEmpty() || !m.unmatchedFound().isEmpty()) {
            lines.add(String.format(Locale.ROOT, "NOTE: %d planned needle(s) not found, %d found needle(s) not in the plan",
                    m.unmatchedPlanned().size(), m.unmatchedFound().size()));
        }
        finding.notes().forEach(n -> lines.add("NOTE: " + n));
        lines.add(String.format(Locale.ROOT, "needles found: %d (planned %d), other metal objects: %d, in %.2f s", finding.needles().size(),
                planned.size(), finding.shortMetalObjects(), finding.seconds()));
        for (NeedleMatch x : m.matches()) {
            FoundNeedle f = m.found().get(x.found());
            lines.add(String.format(Locale.ROOT, "  planned needle %2d = found %2d: tip error %.1f mm (%+.1f deeper, %.1f across), angle"
                            + " error %.1f°%s, tip at %s%s%s%s", planned.get(x.planned()).number(), x.found() + 1, x.tipErrorMm(), x.depthErrorMm(),
                    x.lateralErrorMm(), x.angleErrorDeg(), tiltUncertain(f), mm(f.tipMm()), zUncertain(f) + axisUncertain(f) + inPlaneUncertain(f), f.leavesFieldOfView() ? " (hub outside the scan)" : "",
                    leftOut(leftOut, x.found())));
        }
        for (int i : m.unmatchedPlanned()) {
            lines.add(String.format(Locale.ROOT, "  planned needle %2d: NOT FOUND (planned tip %s)", planned.get(i).number(),
                    mm(planned.get(i).needle().tipMm())));
        }
        for (int j : m.unmatchedFound()) {
            lines.add(String.format(Locale.ROOT, "  found needle %2d: NOT IN THE PLAN, tip at %s%s%s%s", j + 1, mm(m.found().get(j).tipMm()),
                    zUncertain(m.found().get(j)) + axisUncertain(m.found().get(j)) + inPlaneUncertain(m.found().get(j)), tiltUncertain(m.found().get(j)), leftOut(leftOut, j)));
        }
        if (!m.matches().isEmpty()) {
            lines.add(String.format(Locale.ROOT, "  mean tip error %.1f mm, mean angle error %.1f° (published 3D-printed template series:"
                    + " 4.4 mm, 2.8°)", m.meanTipErrorMm(), m.meanAngleErrorDeg()));
        }
        return lines;
    }

    /** " (LEFT OUT of the re-plan: --leave-out)" for a found needle left out, else empty. */
    private static String leftOut(Set<Integer> leftOut, int found) {
        return leftOut.contains(found) ? " (LEFT OUT of the re-plan: --leave-out)" : "";
    }

    /**
     * " ± X mm along z (not in the image)" when the image cannot hold the tip's z to the 1 mm
     * ({@link FoundNeedle#tipZUncertaintyMm()}), so that such a tip is never shown as if it were measured; else empty.
     */
    static String zUncertain(FoundNeedle f) {
        return f.tipZUncertaintyMm() > 1 ? String.format(Locale.ROOT, " ± %.1f mm along z (not in the image)", f.tipZUncertaintyMm()) : "";
    }

    /**
     * " ± X mm along the needle (not sure)" when the tip's place along the needle's axis is not sure to the 1 mm
     * ({@link FoundNeedle#tipAxisUncertaintyMm()}: the voxels around its end do not hold it), else empty.
     */
    static String axisUncertain(FoundNeedle f) {
        return f.tipAxisUncertaintyMm() > 1
                ? String.format(Locale.ROOT, " ± %.1f mm along the needle (not sure)", f.tipAxisUncertaintyMm()) : "";
    }

    /**
     * " ± X mm across the needle (not sure)" when the tip's place across the needle in the slices' plane is not sure to the
     * issue's 1 mm ({@link FoundNeedle#tipInPlaneUncertaintyMm()}: the run's voxels do not hold its centreline there), else empty.
     */
    static String inPlaneUncertain(FoundNeedle f) {
        return f.tipInPlaneUncertaintyMm() > 1
                ? String.format(Locale.ROOT, " ± %.1f mm across the needle (not sure)", f.tipInPlaneUncertaintyMm()) : "";
    }

    /**
     * " (axis ± X°: not in the image)" when the image cannot hold the needle's axis to the 2°
     * ({@link FoundNeedle#axisUncertaintyDeg()}: its tilt out of the slices' plane for a needle lying inside one thick slice, with
     * its turn in the plane where two needles' steel ran together), so that such an axis is never shown as if it were measured;
     * else empty.
     */
    static String tiltUncertain(FoundNeedle f) {
        return f.axisUncertaintyDeg() > NeedleFinder.AXIS_FIGURE_DEG
                ? String.format(Locale.ROOT, " (axis ± %.1f°: not in the image)", f.axisUncertaintyDeg()) : "";
    }

    static String mm(Vec3 v) {
        return String.format(Locale.ROOT, "(%.1f, %.1f, %.1f) mm", v.x(), v.y(), v.z());
    }
}
