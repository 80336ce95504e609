package org.seedplan.planning.optimiser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seedplan.dose.DoseModel;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.source.SourceLibrary;

class UnitDoseTableTest {

    @Test
    void tableMatchesTheKernelWithinATenthOfAPercent() {
        Tg43Kernel kernel = new Tg43Kernel(SourceLibrary.builtIn().model("amersham6711"), DoseModel.LINE_2D);
        UnitDoseTable table = new UnitDoseTable(kernel, 60);
        Random random = new Random(7);
        for (int n = 0; n < 20000; n++) {
            double r = 1 + random.nextDouble() * 58;
            double cos = random.nextDouble() * 2 - 1;
            double axial = r * cos;
            double exact = kernel.doseRatePerU(r, axial);
            // 0.1 %: bilinear interpolation of the smooth r²·Ḋ on 0.1 mm × 1/180 steps (the class's stated accuracy).
            assertThat(table.doseRatePerU(r * r, axial)).as("r %.2f mm, cos θ %.3f", r, cos).isCloseTo(exact, org.assertj.core.data.Percentage.withPercentage(0.1));
        }
    }
}
