package org.seedplan.verify.seedfinder;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.seedplan.geometry.Volume;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.SimulatedPostOpScan;

/**
 * The seed finder on overlapping reconstructions, by hand only ({@code mvn … -pl seedplan-verify test -Dtest=OverlappingSlicesRun
 * -Dseedfinder.overlapping=12000 -Dseedfinder.overlapping.scans=24}): {@link IndependentScanMatrix#overlapping} scans (5 mm slices
 * every 2.5 mm and 2.5 mm every 1.25 mm, three profiles, two scales, a screw or a stent), each read twice: with its slice
 * thickness recorded (the finder reads the slice profile's width from it) and with the thickness dropped, as a CT that records
 * none (the finder then estimates the width from the isolated seeds' spread over the slices, {@link SliceProfileWidth}; before
 * the tenth round it took the spacing). Prints each
 * scan's learned axial σ both ways, the misses and false seeds, the totals of each way per spacing (read with the thickness, with the
 * Wilson 95 % interval of the found share) and, read with the thickness, per spacing and profile. Sets: 12000–12023 and
 * 12100–12147 looked at (tuning data), 12200–12247 fresh in the ninth round, 12300–12347 in the tenth (docs/seed-finder.md); next
 * fresh 12400+.
 */
@EnabledIfSystemProperty(named = "seedfinder.overlapping", matches = "\\d+")
class OverlappingSlicesRun {

    @Test
    void printsBothReadingsOfTheOverlappingScans() {
        long from = Long.parseLong(System.getProperty("seedfinder.overlapping"));
        int scans = Integer.parseInt(System.getProperty("seedfinder.overlapping.scans", "12"));
        MatchTally[] recorded = {new MatchTally(), new MatchTally()};
        MatchTally[] dropped = {new MatchTally(), new MatchTally()};
        java.util.Map<String, MatchTally> byProfile = new java.util.TreeMap<>();
        for (int n = 0; n < scans; n++) {
            SimulatedPostOpScan s = IndependentScanMatrix.overlapping(from + n, n);
            int spacing = IndependentScanMatrix.overlappingSpacingMm(n) == 2.5 ? 0 : 1;
            String label = (from + n) + " " + IndependentScanMatrix.overlappingLabel(n);
            SeedFinding withThickness = new SeedFinder().find(s.ct());
            SeedFinding without = new SeedFinder().find(new Volume(s.ct().grid(), s.ct().hu()));
            MatchTally oneA = new MatchTally();
            MatchTally oneB = new MatchTally();
            String cell = IndependentScanMatrix.overlappingLabel(n);
            SeedMatching a = IndependentScanMatrix.score(s, withThickness, recorded[spacing], oneA,
                    byProfile.computeIfAbsent(cell.substring(0, cell.lastIndexOf(' ')), k -> new MatchTally()));
            SeedMatching b = IndependentScanMatrix.score(s, without, dropped[spacing], oneB);
            System.out.println(String.format(Locale.ROOT, "%s: sigmaZ %.2f mm recorded, %.2f mm dropped; %d/%d, %d false, axis %.1f°"
                            + " recorded; %d/%d, %d false, axis %.1f° dropped", label, withThickness.calibration().psfSigmaAxialMm(),
                    without.calibration().psfSigmaAxialMm(), a.matches().size(), s.seeds().size(), a.extraFound().size(),
                    oneA.meanAngleDeg(), b.matches().size(), s.seeds().size(), b.extraFound().size(), oneB.meanAngleDeg()));
            SeedFinderTuningRun.printFailures("   recorded " + label, s, withThickness, a);
            SeedFinderTuningRun.printFailures("   dropped  " + label, s, without, b);
        }
        byProfile.forEach((k, t) -> System.out.println(SeedFinderTuningRun.line("  " + k + ", thickness recorded", t)));
        String[] names = {"5 mm every 2.5 mm", "2.5 mm every 1.25 mm"};
        for (int q = 0; q < 2; q++) {
            double[] ci = MatchTally.wilson95(recorded[q].found(), recorded[q].truth());
            System.out.println(SeedFinderTuningRun.line(names[q] + ", thickness recorded", recorded[q]) + String.format(Locale.ROOT,
                    " (found: 95 %% interval %.2f–%.2f %%)", 100 * ci[0], 100 * ci[1]));
            System.out.println(SeedFinderTuningRun.line(names[q] + ", thickness dropped (estimated from the seeds)", dropped[q]));
        }
    }
}
