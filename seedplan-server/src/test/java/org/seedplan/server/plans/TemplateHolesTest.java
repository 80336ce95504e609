package org.seedplan.server.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.needle.Needle;

/** The template lattice fitted from labelled holes names the hole of any needle through it, and survives the intent JSON. */
class TemplateHolesTest {

    /** An anterior template (needles along +y) with holes every 5 mm, A1 at (-20, -44, 20), columns along +x, rows along -z. */
    private static final Vec3 A1 = new Vec3(-20, -44, 20);
    private static final Vec3 COLUMN = new Vec3(5, 0, 0);
    private static final Vec3 ROW = new Vec3(0, 0, -5);
    private static final Vec3 ALONG_Y = new Vec3(0, 1, 0);

    private static Needle through(int column, int row, double depthMm, String label) {
        Vec3 entry = A1.plus(COLUMN.times(column)).plus(ROW.times(row));
        return new Needle(entry, entry.plus(ALONG_Y.times(depthMm)), label, false);
    }

    @Test
    void theLatticeOfThreeLabelledHolesNamesEveryHoleAsPrinted() {
        TemplateHoles t = TemplateHoles.of(List.of(through(3, 2, 50, "D3"), through(5, 3, 60, "F4"), through(27, 11, 40, "AB12"),
                through(4, 4, 45, null)));
        assertThat(t).isNotNull();
        assertThat(t.holeA1Mm().distanceTo(A1)).isLessThan(1e-9);
        assertThat(t.spacingMm()).isCloseTo(5, within(1e-9));
        assertThat(t.label(through(6, 6, 30, null).entryMm(), through(6, 6, 30, null).tipMm())).isEqualTo("G7");
        assertThat(t.label(through(26, 0, 30, null).entryMm(), through(26, 0, 30, null).tipMm())).isEqualTo("AA1");
        // 0.4 mm off a hole's centre is still through it; 1 mm off, or tilted by 2°, is through none
        Vec3 e = through(2, 1, 30, null).entryMm();
        assertThat(t.label(e.plus(new Vec3(0.4, 0, 0)), e.plus(new Vec3(0.4, 30, 0)))).isEqualTo("C2");
        assertThat(t.label(e.plus(new Vec3(1, 0, 0)), e.plus(new Vec3(1, 30, 0)))).isNull();
        assertThat(t.label(e, e.plus(new Vec3(30 * Math.tan(Math.toRadians(2)), 30, 0)))).isNull();
        // before column A
        Vec3 left = A1.minus(COLUMN);
        assertThat(t.label(left, left.plus(ALONG_Y.times(30)))).isNull();
    }

    @Test
    void holesInOneLineOrNonParallelNeedlesFixNoTemplate() {
        assertThat(TemplateHoles.of(List.of(through(0, 0, 50, "A1"), through(1, 0, 50, "B1"), through(2, 0, 50, "C1")))).isNull();
        Needle tilted = new Needle(through(1, 1, 50, null).entryMm(), through(1, 1, 50, null).entryMm().plus(new Vec3(0, 50, 5)), "B2", false);
        assertThat(TemplateHoles.of(List.of(through(0, 0, 50, "A1"), tilted, through(2, 3, 50, "C4")))).isNull();
    }

    @Test
    void theTemplateKeptInAnIntentIsReadBack() {
        TemplateHoles t = TemplateHoles.of(List.of(through(3, 2, 50, "D3"), through(5, 3, 60, "F4"), through(0, 0, 40, "A1")));
        String intent = t.addTo("{\"targets\":[{\"structure\":\"GTV\",\"prescriptionGy\":120}]}");
        TemplateHoles back = TemplateHoles.fromIntent(intent);
        assertThat(back.holeA1Mm().distanceTo(A1)).isLessThan(1e-6);
        assertThat(back.label(through(7, 8, 20, null).entryMm(), through(7, 8, 20, null).tipMm())).isEqualTo("H9");
        assertThat(intent).contains("\"targets\"");
        assertThat(TemplateHoles.fromIntent("{\"target\":\"CTV\"}")).isNull();
        assertThat(TemplateHoles.fromIntent("not json")).isNull();
    }
}
