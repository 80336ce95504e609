package org.seedplan.planning.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * The template on a spherical skin (radius 80 mm) with one radial needle, so that the shell, the
 * channel and the sleeve are solids of revolution with closed-form volumes: admesh's volume of the
 * STL lies within 2 % of the analytic one (the acceptance; the skin is only known to the
 * CT's 1 mm voxels and the mesh samples it every 0.4 mm).
 */
class SphericalShellVolumeTest {

    private static final double R = 80;

    @TempDir
    Path dir;

    @Test
    void admeshVolumeMatchesTheAnalyticShellWithinTwoPercent() throws Exception {
        assertAnalyticVolume(TemplateDesigner.design(TemplatePhantoms.sphere(R), List.of(NEEDLE), OPTIONS));
    }

    /**
     * The skin from a body contour, not the CT: a 2 mm sheet lying on the skin shows in the CT but is
     * outside the contour, and the template follows the contour (the same analytic volume).
     */
    @Test
    void aBodyContourGivesTheSkinInsteadOfTheCt() throws Exception {
        Volume sphere = TemplatePhantoms.sphere(R);
        Volume ct = TemplatePhantoms.ct(sphere.grid(), p -> Math.min(p.norm() - R, Math.max(Math.abs(p.y() + R + 1) - 1, Math.hypot(p.x(),
                p.z()) - 20)));
        float[] fraction = new float[sphere.hu().length];
        for (int i = 0; i < fraction.length; i++) {
            fraction[i] = (sphere.hu()[i] + 1000f) / 1000f;
        }
        Volume skin = BodyContourSkin.of(new org.seedplan.structure.Mask("Body", sphere.grid(), fraction, null));
        assertAnalyticVolume(TemplateDesigner.design(ct, skin, List.of(NEEDLE), OPTIONS));
    }

    private static final TemplateOptions OPTIONS = new TemplateOptions(3, 1, 1.27, 0.3, 10, 1.5, 30, -500, 300, 30, 0.4);
    private static final TemplateNeedle NEEDLE = new TemplateNeedle("needle 1", 1, new Vec3(0, -120, 0), new Vec3(0, -40, 0),
            new Vec3(0, -42, 0));

    private void assertAnalyticVolume(TemplateDesign t) throws Exception {
        TemplateOptions o = OPTIONS;
        double r1 = R + o.clearanceMm();
        double r2 = r1 + o.thicknessMm();
        double rc = o.channelRadiusMm();
        double ro = o.sleeveRadiusMm();
        double shell = cap(r1, r2, o.regionMarginMm()) - cap(r1, r2, rc);
        double top = r2 + o.sleeveLengthMm();
        double sleeve = Math.PI * top * (ro * ro - rc * rc)
                - 2 * Math.PI / 3 * (Math.pow(r2 * r2 - rc * rc, 1.5) - Math.pow(r2 * r2 - ro * ro, 1.5));
        double holes = 0;
        double rh = TemplateOptions.REGISTRATION_HOLE_DIAMETER_MM / 2;
        for (Vec3 h : t.registrationHolesMm()) {
            double rho = Math.hypot(h.x(), h.z());
            // a thin cylinder parallel to the axis through the shell: its cross-section times the shell's height there
            holes += Math.PI * rh * rh * (Math.sqrt(r2 * r2 - rho * rho) - Math.sqrt(r1 * r1 - rho * rho));
        }
        // embossed marks, 0.8 mm high: the digit "1" (one 4.6 mm stroke 1 mm wide with round ends), the arrow
        // (7 mm shaft, two 3 mm barbs, about 14 mm²) and four 7 mm × 1 mm laser ridges: about 0.4 % of the volume
        double marks = TemplateOptions.EMBOSS_MM * ((4.6 + Math.PI / 4) + 14 + 4 * 7);
        double expected = shell + sleeve - holes + marks;
        assertThat(t.registrationHolesMm()).hasSize(3);

        Path stl = dir.resolve("sphere.stl");
        try (OutputStream out = Files.newOutputStream(stl)) {
            StlWriter.write(t.mesh(), "sphere", out);
        }
        Admesh a = Admesh.check(stl);
        assertThat(a.clean()).as(a.report()).isTrue();
        assertThat(a.volumeMm3()).isPositive().isCloseTo(expected, Percentage.withPercentage(2));
    }

    /** Volume of the spherical shell r1 … r2 inside a cylinder of radius a about an axis through the centre, on one side. */
    private static double cap(double r1, double r2, double a) {
        return 2 * Math.PI / 3 * ((Math.pow(r2, 3) - Math.pow(r2 * r2 - a * a, 1.5)) - (Math.pow(r1, 3) - Math.pow(r1 * r1 - a * a, 1.5)));
    }
}
