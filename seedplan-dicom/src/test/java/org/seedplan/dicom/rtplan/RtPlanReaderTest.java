package org.seedplan.dicom.rtplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.seedplan.dicom.ExternalTools;
import org.seedplan.dicom.TestPlans;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Vec3;

class RtPlanReaderTest {

    /** The phantom plan (make-phantom.sh): 19 I-125 seeds on the 10 mm lattice points within 15 mm of the origin, 0.5 U each. */
    @Test
    void readsTheSyntheticPermanentImplantSeeds() {
        BrachyPlan plan = RtPlanReader.read(ExternalTools.data("synthetic-seed-phantom/dicom/rtplan.dcm"));
        assertThat(plan.technique()).isEqualTo("PERMANENT");
        assertThat(plan.treatmentType()).isEqualTo("LDR");
        assertThat(plan.prescriptionGy()).isEqualTo(145.0);
        assertThat(plan.sources().get(0).isotope()).isEqualTo("I-125");
        assertThat(plan.sources().get(0).halfLifeDays()).isEqualTo(59.40);
        List<Vec3> expected = new ArrayList<>();
        double[] g = {-10, 0, 10};
        for (double x : g) {
            for (double y : g) {
                for (double z : g) {
                    if (x * x + y * y + z * z <= 225) {
                        expected.add(new Vec3(x, y, z));
                    }
                }
            }
        }
        List<Seed> seeds = plan.seeds();
        assertThat(seeds).extracting(Seed::centreMm).containsExactlyElementsOf(expected);
        assertThat(seeds).allSatisfy(s -> {
            assertThat(s.skU()).isEqualTo(0.5);
            assertThat(s.axis()).isEqualTo(Vec3.UNIT_Z);
        });
    }

    /**
     * HDR and PDR afterloader plans (pyTG43 examples, Varian BrachyVision): the dwell positions are
     * the control-point pairs whose cumulative weight grows, as an independent pydicom script finds
     * them; per channel the dwell times add up to Channel Total Time.
     */
    @Test
    void afterloaderPlansYieldTheirDwellPositions() {
        for (String f : List.of("pytg43-brachy/HDR/RP.HDR.dcm", "pytg43-brachy/PDR/RP.PDR.dcm")) {
            var path = ExternalTools.data(f);
            String py = ExternalTools.pydicom("""
                    import sys, pydicom
                    ds = pydicom.dcmread(sys.argv[1])
                    for ch in ds.ApplicationSetupSequence[0].ChannelSequence:
                        cps = ch.BrachyControlPointSequence
                        for a, b in zip(cps[0::2], cps[1::2]):
                            if float(b.CumulativeTimeWeight) > float(a.CumulativeTimeWeight):
                                print(int(ch.ChannelNumber), *[float(v) for v in a.ControlPoint3DPosition])
                        print('TOTAL', int(ch.ChannelNumber), float(ch.ChannelTotalTime))
                    """, path.toString());
            BrachyPlan plan = RtPlanReader.read(path);
            assertThat(plan.technique()).isEqualTo("INTRACAVITARY");
            List<String> ours = plan.positions().stream()
                    .map(p -> p.channelNumber() + " " + p.positionMm().x() + " " + p.positionMm().y() + " " + p.positionMm().z())
                    .toList();
            List<String> theirs = py.lines().filter(l -> !l.startsWith("TOTAL") && !l.isBlank()).toList();
            assertThat(ours).hasSameSizeAs(theirs);
            for (int i = 0; i < ours.size(); i++) {
                double[] a = parse(ours.get(i));
                double[] b = parse(theirs.get(i));
                for (int k = 0; k < 4; k++) {
                    assertThat(a[k]).isCloseTo(b[k], within(1e-9)); // both parse the same decimal strings
                }
            }
            Map<Integer, Double> sums = plan.positions().stream()
                    .collect(Collectors.groupingBy(SourcePosition::channelNumber, TreeMap::new, Collectors.summingDouble(SourcePosition::dwellTimeS)));
            py.lines().filter(l -> l.startsWith("TOTAL")).forEach(l -> {
                String[] p = l.split(" ");
                // the dwell times partition the channel time: equal up to the file's own rounding of weights (< 1 ms)
                assertThat(sums.get(Integer.parseInt(p[1]))).isCloseTo(Double.parseDouble(p[2]), within(1e-3));
            });
            // Varian writes the source description into Source Isotope Name; the half-life is Ir-192's (73.83 d)
            assertThat(plan.sources().get(0).halfLifeDays()).isEqualTo(73.83);
        }
    }

    private static double[] parse(String s) {
        String[] p = s.trim().split(" ");
        double[] d = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            d[i] = Double.parseDouble(p[i]);
        }
        return d;
    }

    @Test
    void refusesExternalBeamPlans() {
        assertThatThrownBy(() -> RtPlanReader.read(ExternalTools.data("dicompyler-example/rtplan.dcm")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a brachytherapy plan");
    }

    @Test
    void groupsLooseSeedsIntoNeedlesByAxisLine() {
        List<List<Seed>> needles = TestPlans.needles();
        List<Seed> loose = new ArrayList<>();
        for (int i = 2; i >= 0; i--) { // reversed and interleaved
            loose.add(needles.get(1).get(i));
            loose.add(needles.get(0).get(i));
        }
        List<List<Seed>> grouped = NeedleGrouping.byAxisLine(loose);
        assertThat(grouped).hasSize(2);
        assertThat(grouped.get(0)).containsExactlyElementsOf(needles.get(1));
        assertThat(grouped.get(1)).containsExactlyElementsOf(needles.get(0));
    }
}
