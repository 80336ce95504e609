package org.seedplan.server.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.seedplan.cases.DerivedStructure;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.intent.Approach;
import org.seedplan.planning.intent.OarLimit;
import org.seedplan.server.api.Json;

/** The plan screen's intent form read into a plan intent: dual targets, organ limits, decayed strength, approaches. */
class IntentFormTest {

    private static IntentForm parse(String json) throws Exception {
        return IntentForm.parse((ObjectNode) Json.MAPPER.readTree(json));
    }

    @Test
    void dualGtvCtvPrescriptionsWithTheCtvAsAMargin() throws Exception {
        IntentForm f = parse("{\"targets\":[{\"structure\":\"GTV\",\"prescriptionGy\":140},"
                + "{\"structure\":\"CTV\",\"expandFrom\":\"GTV\",\"marginMm\":5,\"prescriptionGy\":120}],"
                + "\"organs\":[{\"structure\":\"Cord\",\"kind\":\"dmax\",\"doseGy\":45}],"
                + "\"seed\":{\"sourceModelKey\":\"amersham6711\",\"strength\":0.6,\"unit\":\"mCi\"},\"approach\":{\"type\":\"coplanar\",\"direction\":\"anterior\"}}");
        assertThat(f.intent().targets()).extracting(t -> t.structure() + " " + t.prescriptionGy()).containsExactly("GTV 140.0", "CTV 120.0");
        assertThat(f.derived()).containsExactly(DerivedStructure.expand("CTV", org.seedplan.structure.StructureType.CTV, "GTV", 5));
        assertThat(f.intent().organs().get(0).kind()).isEqualTo(OarLimit.Kind.DMAX);
        assertThat(f.intent().organs().get(0).needleMarginMm()).isEqualTo(5);
        // anterior template: needles travel towards posterior, +y in DICOM LPS
        assertThat(((Approach.CoplanarTemplate) f.intent().approach()).needleDirection()).isEqualTo(new Vec3(0, 1, 0));
        // without dates the strength is the one at implant: 0.6 mCi × 1.270 U/mCi
        assertThat(f.intent().seed().skU()).isCloseTo(0.762, Offset.offset(1e-12));
    }

    @Test
    void strengthOnTheCalibrationDateIsDecayedToTheImplantDate() throws Exception {
        IntentForm f = parse("{\"targets\":[{\"structure\":\"GTV\",\"prescriptionGy\":140}],"
                + "\"seed\":{\"sourceModelKey\":\"amersham6711\",\"strength\":0.6,\"unit\":\"mCi\",\"calibrationDate\":\"2026-11-26\","
                + "\"implantDate\":\"2026-12-03\"},\"approach\":{\"type\":\"printed\",\"entryMm\":[10,-90,0]}}");
        // 7 days of I-125 (T½ 59.4 d, the 6711 data set's): 0.6 × 2^(−7/59.4) = 0.552938 mCi = 0.702231 U (hand computation)
        assertThat(f.intent().seed().skU()).isCloseTo(0.702231, Offset.offset(1e-6));
        assertThat(f.strengthAtCalibration().skU()).isCloseTo(0.762, Offset.offset(1e-12));
        assertThat(f.intent().approach()).isInstanceOf(Approach.FreeHand.class);
        assertThat(f.approachLabel()).startsWith("3D-printed template");
    }

    @Test
    void fixedNeedlesKeepTheirLoadingAndWhetherTheyAreInThePatientThroughTheForm() throws Exception {
        String json = "{\"targets\":[{\"structure\":\"GTV\",\"prescriptionGy\":140}],"
                + "\"seed\":{\"sourceModelKey\":\"amersham6711\",\"strength\":0.6,\"unit\":\"mCi\"},\"approach\":{\"type\":\"coplanar\",\"direction\":\"anterior\"},"
                + "\"fixedNeedles\":[{\"entryMm\":[1,-60,2],\"tipMm\":[1.5,10,2],\"seedDistancesMm\":[2.5,12.5],\"inPatient\":true},"
                + "{\"entryMm\":[-9,-60,2],\"tipMm\":[-9,12,2]}]}";
        IntentForm f = parse(json);
        var fixed = f.intent().fixedNeedles();
        assertThat(fixed).hasSize(2);
        assertThat(fixed.get(0).tipMm()).isEqualTo(new Vec3(1.5, 10, 2));
        assertThat(fixed.get(0).seedDistancesFromTipMm()).containsExactly(2.5, 12.5);
        assertThat(fixed.get(0).inPatient()).isTrue();
        assertThat(fixed.get(1).loadingFixed()).isFalse();
        assertThat(fixed.get(1).inPatient()).isFalse();
        // written back (as a saved revision's intent keeps them) and read again: the same needles
        IntentForm again = parse(IntentForm.withFixedNeedles(f.json(), fixed));
        assertThat(again.intent().fixedNeedles()).isEqualTo(fixed);
        assertThat(parse(IntentForm.withFixedNeedles(json, java.util.List.of())).intent().fixedNeedles()).isEmpty();
        assertThatThrownBy(() -> parse(json.replace("\"inPatient\":true", "\"inPatient\":\"yes\"")))
                .hasMessage("fixedNeedles[0].inPatient must be true or false, got \"yes\"");
        assertThatThrownBy(() -> parse(json.replace("[2.5,12.5]", "[2.5,120]")))
                .hasMessageStartingWith("fixedNeedles[0]: fixed needle seed at 120.0 mm from the tip lies outside the needle");
    }

    @Test
    void badFieldsAreNamed() {
        assertThatThrownBy(() -> parse("{\"targets\":[{\"structure\":\"GTV\",\"prescriptionGy\":140}],"
                + "\"seed\":{\"sourceModelKey\":\"amersham6711\",\"strength\":0.6,\"unit\":\"mCi\",\"calibrationDate\":\"2026-11-26\"},"
                + "\"approach\":{\"type\":\"coplanar\",\"direction\":\"anterior\"}}"))
                .hasMessageContaining("seed.calibrationDate and seed.implantDate go together");
        assertThatThrownBy(() -> parse("{\"targets\":[{\"structure\":\"GTV\",\"prescriptionGy\":140}],"
                + "\"seed\":{\"sourceModelKey\":\"amersham6711\",\"strength\":0.6,\"unit\":\"mCi\"},"
                + "\"approach\":{\"type\":\"coplanar\",\"direction\":\"sideways\"}}"))
                .hasMessageContaining("approach.direction 'sideways' is unknown");
        assertThatThrownBy(() -> parse("{\"targets\":[{\"structure\":\"GTV\",\"prescriptionGy\":12000}],"
                + "\"seed\":{\"sourceModelKey\":\"amersham6711\",\"strength\":0.6,\"unit\":\"mCi\"},"
                + "\"approach\":{\"type\":\"coplanar\",\"direction\":\"anterior\"}}"))
                .hasMessageContaining("cGy");
        assertThatThrownBy(() -> parse("{\"targets\":[{\"structure\":\"GTV\",\"prescriptionGy\":140}],"
                + "\"seed\":{\"sourceModelKey\":\"amersham6711\",\"strength\":0.6,\"unit\":\"Ci\"},"
                + "\"approach\":{\"type\":\"coplanar\",\"direction\":\"anterior\"}}"))
                .hasMessageContaining("unknown strength unit 'Ci'");
    }
}
