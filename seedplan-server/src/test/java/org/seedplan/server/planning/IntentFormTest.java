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
