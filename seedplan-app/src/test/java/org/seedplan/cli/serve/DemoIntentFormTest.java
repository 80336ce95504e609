package org.seedplan.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.seedplan.cli.demo.DemoCertificate;
import org.seedplan.cli.planning.DemoPlan;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.server.api.Json;
import org.seedplan.server.planning.IntentForm;
import org.seedplan.source.SourceLibrary;
import org.seedplan.source.SourceModel;

/**
 * The demo's approved revision carries the intent the demo plan was made with in the plan screen's intent form (it carried
 * {"target", "prescriptionGy", "sourceModelKey", "approach": "coplanar template, anterior"}, which the screen could not read: the
 * plan screen opened with its defaults and the verification proposed no supplementary seeds). Read back by the server's own
 * {@link IntentForm}, it is {@link DemoPlan#intent()}: targets, organ limits, approach, half-life, and the strength at implant.
 */
class DemoIntentFormTest {

    @Test
    void theDemoIntentFormReadsBackAsTheIntentTheDemoPlanWasMadeWith() throws Exception {
        PlanIntent made = DemoPlan.intent();
        SourceModel model = SourceLibrary.builtIn().model(made.seed().sourceKey());
        double atCalibrationU = DemoCertificate.sourceInfo(model, model.halfLifeDays()).atCalibrationU(made.seed().skU());
        IntentForm form = IntentForm.parse((ObjectNode) Json.MAPPER.readTree(DemoData.intentForm(made, atCalibrationU)));

        assertThat(form.intent().targets()).isEqualTo(made.targets());
        assertThat(form.derived()).isEmpty();
        assertThat(form.intent().organs()).isEqualTo(made.organs());
        assertThat(form.intent().approach()).isEqualTo(made.approach());
        assertThat(form.intent().halfLifeDays()).isEqualTo(made.halfLifeDays());
        assertThat(form.intent().seed().sourceKey()).isEqualTo("amersham6711");
        assertThat(form.calibrationDate()).isEqualTo(LocalDate.of(2025, 2, 24));
        assertThat(form.implantDate()).isEqualTo(LocalDate.of(2025, 3, 3));
        assertThat(form.approachLabel()).isEqualTo("coplanar template, anterior");
        // the certificate's strength, 7 days of I-125 decay (T½ 59.4 d: factor 2^(7/59.4) = 1.0852) above the plan's 0.6 mCi;
        // decayed back by the form to the implant: the same computation both ways, so equal to rounding (1e-12 relative)
        assertThat(form.strengthAtCalibration().skU() / made.seed().skU()).isCloseTo(Math.pow(2, 7 / 59.4), within(1e-4));
        assertThat(form.intent().seed().skU()).isCloseTo(made.seed().skU(), within(1e-12 * made.seed().skU()));
    }
}
