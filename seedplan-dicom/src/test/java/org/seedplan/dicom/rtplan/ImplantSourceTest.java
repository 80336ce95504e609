package org.seedplan.dicom.rtplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.dicom.DicomExport;
import org.seedplan.dicom.Mutations;
import org.seedplan.dicom.TestPlans;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.rtdose.RtDoseWriter;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.DoseModel;
import org.seedplan.dose.FastDoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.source.SourceLibrary;

/** The plan's own source is honoured: model matched by the manufacturer's name, strength decayed to the implant date. */
class ImplantSourceTest {

    @TempDir
    static Path tmp;
    static DataSet rp;
    static final SourceLibrary LIB = SourceLibrary.builtIn();
    /** The test export's calibration date (TestPlans.I125_6711): 2026-01-15 00:00. */
    static final LocalDateTime CALIBRATION = LocalDateTime.of(2026, 1, 15, 0, 0);

    @BeforeAll
    static void export() {
        DicomExport.Written w = DicomExport.writePlanSet(tmp.resolve("plan"), TestPlans.planSet(), RtDoseWriter.Bits.THIRTY_TWO);
        rp = DicomReader.read(w.rtPlan()).dataSet();
    }

    private static BrachyPlan withSource(String name, java.util.function.UnaryOperator<DataSet.Builder> edit) {
        return RtPlanReader.read(Mutations.roundTrip(Mutations.items(rp, Tag.SOURCE_SEQUENCE, edit), name));
    }

    private static DoseGrid dose(List<Seed> seeds, String key) {
        Grid g = new Grid(new Vec3(-20, -16, -10), 2, 2, 2.5, 21, 17, 9);
        return new FastDoseEngine(new Tg43Kernel(LIB.model(key), DoseModel.LINE_2D)).dose(seeds, g, DecayIntegral.permanent(59.40));
    }

    @Test
    void strengthCalibratedFourteenDaysBeforeTheImplantIsDecayedByTheHandComputedFactor() {
        BrachyPlan plan = RtPlanReader.read(rp);
        LocalDateTime implant = CALIBRATION.plusDays(14).plusHours(9);
        ImplantSource atCalibration = ImplantSource.resolve(plan, LIB, null, CALIBRATION, null);
        ImplantSource decayed = ImplantSource.resolve(plan, LIB, null, implant, null);
        double factor = Math.exp(-Math.log(2) * (14 + 9 / 24.0) / 59.40); // by hand: Δt = 14.375 d, T½ = 59.40 d
        DoseGrid d0 = dose(atCalibration.seeds(plan), decayed.model().key());
        DoseGrid d1 = dose(decayed.seeds(plan), decayed.model().key());
        int hot = 0;
        for (int n = 0; n < d0.doseGy().length; n++) {
            if (d0.doseGy()[n] > d0.doseGy()[hot]) {
                hot = n;
            }
        }
        // dose is linear in S_K; 1e-9 is float storage of the grid (~6e-8 relative) → compare the total, summed in double
        double s0 = 0;
        double s1 = 0;
        for (int n = 0; n < d0.doseGy().length; n++) {
            s0 += d0.doseGy()[n];
            s1 += d1.doseGy()[n];
        }
        assertThat(s1 / s0).isCloseTo(factor, within(1e-6));
        for (int i = 0; i < plan.seeds().size(); i++) {
            // the strength itself is double: the hand factor holds to 1e-9 relative
            assertThat(decayed.seeds(plan).get(i).skU() / plan.seeds().get(i).skU()).isCloseTo(factor, within(1e-9));
        }
        assertThat(d1.doseGy()[hot]).isLessThan(d0.doseGy()[hot]);
        assertThat(decayed.reportLines()).anySatisfy(l -> assertThat(l).contains("calibration 2026-01-15 00:00")
                .contains("implant 2026-01-29 09:00"));
    }

    @Test
    void decayFactorToTheSecondMatchesTheFormula() {
        LocalDateTime implant = LocalDateTime.of(2026, 3, 2, 13, 45, 30);
        double days = java.time.Duration.between(CALIBRATION, implant).getSeconds() / 86400.0;
        assertThat(ImplantSource.decayFactor(CALIBRATION, implant, 59.40)).isCloseTo(Math.pow(0.5, days / 59.40), within(1e-12));
        // implanted before the calibration date: the strength was higher
        assertThat(ImplantSource.decayFactor(implant, CALIBRATION, 59.40)).isGreaterThan(1);
    }

    @Test
    void plan6702EqualsExplicitSourceAmersham6702() {
        BrachyPlan plan = withSource("rp6702.dcm", b -> b.put(Tag.SOURCE_MODEL_ID, "6702").put(Tag.SOURCE_MANUFACTURER, "Amersham"));
        ImplantSource own = ImplantSource.resolve(plan, LIB, null, CALIBRATION, null);
        ImplantSource given = ImplantSource.resolve(plan, LIB, "amersham6702", CALIBRATION, null);
        assertThat(own.model().key()).isEqualTo("amersham6702");
        float[] a = dose(own.seeds(plan), own.model().key()).doseGy();
        float[] b = dose(given.seeds(plan), given.model().key()).doseGy();
        for (int n = 0; n < a.length; n++) {
            assertThat((double) a[n]).isCloseTo(b[n], within(1e-9 * Math.max(1, Math.abs(b[n]))));
        }
        float[] as6711 = dose(own.seeds(plan), "amersham6711").doseGy();
        assertThat(as6711).isNotEqualTo(a); // Λ 0.965 vs 1.036: computing a 6702 plan with 6711 data is wrong by 7 %
    }

    @Test
    void manufacturerModelNamesMatchTheLibrary() {
        assertThat(ImplantSource.resolve(withSource("a.dcm", b -> b.put(Tag.SOURCE_MODEL_ID, "IAI-125A")), LIB, null, CALIBRATION, null)
                .model().key()).isEqualTo("isoaid_iai125a");
        assertThat(ImplantSource.resolve(withSource("b.dcm", b -> b.put(Tag.SOURCE_MODEL_ID, "6711")), LIB, null, CALIBRATION, null)
                .model().key()).isEqualTo("amersham6711");
        assertThat(ImplantSource.resolve(withSource("c.dcm", b -> b.put(Tag.SOURCE_MODEL_ID, "amersham6702")), LIB, null, CALIBRATION,
                null).model().key()).isEqualTo("amersham6702");
    }

    @Test
    void palladiumPlanIsRefusedWithoutData() {
        BrachyPlan pd = withSource("pd.dcm", b -> b.put(Tag.SOURCE_ISOTOPE_NAME, "Pd-103").numbers(Tag.SOURCE_ISOTOPE_HALF_LIFE, 16.99)
                .put(Tag.SOURCE_MODEL_ID, "200"));
        assertThatThrownBy(() -> ImplantSource.resolve(pd, LIB, null, CALIBRATION, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pd.dcm").hasMessageContaining("Pd-103")
                .hasMessageContaining("--source");
    }

    @Test
    void unknownModelIsRefusedUnlessOverriddenAndTheOverrideIsStated() {
        BrachyPlan other = withSource("x.dcm", b -> b.put(Tag.SOURCE_MODEL_ID, "STM1251"));
        assertThatThrownBy(() -> ImplantSource.resolve(other, LIB, null, CALIBRATION, null))
                .hasMessageContaining("STM1251").hasMessageContaining("matches no seed model").hasMessageContaining("--source KEY");
        ImplantSource forced = ImplantSource.resolve(other, LIB, "amersham6711", CALIBRATION, null);
        assertThat(forced.reportLines().get(0)).contains("--source amersham6711").contains("STM1251");
    }

    @Test
    void halfLifeDisagreeingWithTheModelIsRefused() {
        BrachyPlan plan = withSource("hl.dcm", b -> b.numbers(Tag.SOURCE_ISOTOPE_HALF_LIFE, 16.99));
        assertThatThrownBy(() -> ImplantSource.resolve(plan, LIB, null, CALIBRATION, null))
                .hasMessageContaining("hl.dcm").hasMessageContaining("16.99").hasMessageContaining("--half-life-days");
    }

    @Test
    void missingImplantDateIsRequired() {
        assertThatThrownBy(() -> ImplantSource.resolve(RtPlanReader.read(rp), LIB, null, null, null))
                .hasMessageContaining("--implant-date").hasMessageContaining("2026-01-15 00:00");
    }

    @Test
    void implantDatesAreParsedWithOrWithoutTime() {
        assertThat(ImplantSource.parseImplantDate("2026-01-29")).isEqualTo(LocalDateTime.of(2026, 1, 29, 0, 0));
        assertThat(ImplantSource.parseImplantDate("2026-01-29T09:30")).isEqualTo(LocalDateTime.of(2026, 1, 29, 9, 30));
        assertThat(ImplantSource.parseImplantDate("2026-01-29 09:30")).isEqualTo(LocalDateTime.of(2026, 1, 29, 9, 30));
        assertThatThrownBy(() -> ImplantSource.parseImplantDate("29.01.2026")).hasMessageContaining("--implant-date");
    }

    @Test
    void strengthGivenOnlyAsSourceStrengthInAirKermaRateUnitsIsRead() {
        BrachyPlan plan = withSource("ss.dcm", b -> b.remove(Tag.REFERENCE_AIR_KERMA_RATE));
        BrachyPlan original = RtPlanReader.read(rp);
        assertThat(plan.seeds()).extracting(Seed::skU).containsExactlyElementsOf(original.seeds().stream().map(Seed::skU).toList());
        BrachyPlan none = withSource("none.dcm", b -> b.remove(Tag.REFERENCE_AIR_KERMA_RATE).put(Tag.SOURCE_STRENGTH_UNITS, "DOSE_RATE_WATER"));
        assertThatThrownBy(() -> ImplantSource.resolve(none, LIB, null, CALIBRATION, null))
                .hasMessageContaining("none.dcm").hasMessageContaining("no positive Reference Air Kerma Rate");
    }
}
