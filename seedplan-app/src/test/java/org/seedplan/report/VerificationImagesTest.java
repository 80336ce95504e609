package org.seedplan.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.DoseModel;
import org.seedplan.dose.FastDoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.dvh.RoiMask;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.source.SourceLibrary;
import org.seedplan.source.SourceModel;
import org.seedplan.structure.Contour;
import org.seedplan.structure.MaskRasterizer;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;
import org.seedplan.verify.comparison.ImplantVerifier;
import org.seedplan.verify.comparison.Verification;
import org.seedplan.verify.matching.SeedMatcher;
import org.seedplan.verify.phantom.ImagingModel;
import org.seedplan.verify.phantom.PostOpCtRenderer;
import org.seedplan.verify.phantom.SeedPose;
import org.seedplan.verify.seedfinder.SeedFinder;
import org.seedplan.verify.seedfinder.SeedFinding;

/**
 * The verification images mark a planned seed that was not found with a filled white square, black border and cross, which
 * neither in colour nor in greyscale print looks like the 200 % isodose (red, a dark grey line in greyscale); the report's
 * caption names the mark; a seed planned beyond the 2.5 mm slab of a slice is marked in grey there (as found seeds are
 * dimmer). Five seeds planned, four implanted where planned (a rendered post-op CT, the seed finder): the fifth is missing.
 */
class VerificationImagesTest {

    private static final double RX_GY = 120;
    private static final List<Vec3> PLANNED = List.of(new Vec3(-5, -5, 0), new Vec3(-5, 5, 0), new Vec3(5, -5, 0), new Vec3(5, 5, 0),
            new Vec3(0, 15, 0));
    private static final Vec3 MISSING = PLANNED.get(4);

    @TempDir
    Path tmp;

    /** The five-seed case: the post-op CT with four seeds found, the CTV, the verification. */
    private record Case(Volume ct, Grid grid, List<RoiMask> rois, SeedFinding finding, Verification v) {
    }

    private static Case fiveSeedsOneMissing() {
        Grid ctGrid = new Grid(new Vec3(-30, -30, -20), 1, 1, 2, 61, 61, 21);
        float[] hu = new float[ctGrid.voxelCount()];
        Arrays.fill(hu, 40f);
        List<SeedPose> poses = PLANNED.subList(0, 4).stream().map(p -> new SeedPose(p, new Vec3(0, 0, 1), SeedPose.Arrangement.ISOLATED)).toList();
        Volume ct = new PostOpCtRenderer(ImagingModel.clinical().withoutDistractors()).addImplant(new Volume(ctGrid, hu), poses, 5);
        List<Contour> square = new ArrayList<>();
        for (double z = -8; z <= 8; z += 2) {
            square.add(new Contour(z, new double[] {-12, 12, 12, -12}, new double[] {-12, -12, 20, 20}));
        }
        List<Structure> structures = List.of(new Structure("CTV", StructureType.CTV, 0xFF8800, square));
        Grid grid = ImplantVerifier.doseGridAround(structures, 10, 2);
        List<RoiMask> rois = structures.stream().map(s -> RoiMask.of(s, MaskRasterizer.rasterize(s, grid))).toList();
        SourceModel model = SourceLibrary.builtIn().model("amersham6711");
        List<Seed> planned = PLANNED.stream().map(p -> new Seed(p, new Vec3(0, 0, 1), 0.7)).toList();
        SeedFinding finding = new SeedFinder().find(ct, null, OptionalInt.of(4));
        Verification v = new ImplantVerifier(new FastDoseEngine(new Tg43Kernel(model, DoseModel.LINE_2D)),
                DecayIntegral.permanent(model.halfLifeDays()), new SeedMatcher()).verify(planned, finding.seeds(), rois, rois, grid, RX_GY);
        return new Case(ct, grid, rois, finding, v);
    }

    @Test
    void aSeedNotFoundIsAWhiteSquareWithABlackCrossNotARedMarkLikeThe200PercentIsodose() throws Exception {
        Case k = fiveSeedsOneMissing();
        Volume ct = k.ct();
        Grid grid = k.grid();
        List<RoiMask> rois = k.rois();
        SeedFinding finding = k.finding();
        Verification v = k.v();
        assertThat(v.matching().missingPlanned()).containsExactly(4);

        BufferedImage img = VerificationImages.slice(v, ct, rois, RX_GY, PlanImages.View.AXIAL);
        double[] at = new SliceView(PlanImages.View.AXIAL, grid, Vec3.ZERO).project(MISSING);
        int white = 0;
        int black = 0;
        int red = 0;
        int greyLikeRedIsodose = 0;
        // the 200 % isodose colour in greyscale (ITU-R BT.601 luma, as a greyscale printer or copier renders it)
        double isodose200Grey = luma(IsodoseStyle.LEVELS.get(3).colour().getRGB());
        for (int y = (int) at[1] - 7; y <= (int) at[1] + 7; y++) {
            for (int x = (int) at[0] - 7; x <= (int) at[0] + 7; x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                white += r > 235 && g > 235 && b > 235 ? 1 : 0;
                black += r < 40 && g < 40 && b < 40 ? 1 : 0;
                red += r > 180 && g < 110 && b < 110 ? 1 : 0;
                greyLikeRedIsodose += Math.abs(luma(rgb) - isodose200Grey) < 15 ? 1 : 0;
            }
        }
        // a 13 x 13 px square: its white inside and its black border and cross
        assertThat(white).as("white inside of the mark").isGreaterThanOrEqualTo(30);
        assertThat(black).as("black border and cross").isGreaterThanOrEqualTo(30);
        assertThat(red).as("red pixels at the mark (the 200 % isodose's colour)").isZero();
        // the soft-tissue background (40 HU: grey 127) and the antialiased edges aside, nothing there has the isodose's grey
        assertThat(greyLikeRedIsodose).as("pixels of the 200 %% isodose's grey (%.0f) at the mark", isodose200Grey).isLessThan(10);

        // the coronal slice through the CTV's centroid (y = 4 mm) is 11 mm from the missing seed: its mark is grey there, not white
        BufferedImage coronal = VerificationImages.slice(v, ct, rois, RX_GY, PlanImages.View.CORONAL);
        double[] c = new SliceView(PlanImages.View.CORONAL, grid, Vec3.ZERO).project(MISSING);
        int farWhite = 0;
        int farGrey = 0;
        // inside the 13 x 13 px square only: every pixel there is the mark's
        for (int y = (int) c[1] - 5; y <= (int) c[1] + 5; y++) {
            for (int x = (int) c[0] - 5; x <= (int) c[0] + 5; x++) {
                int rgb = coronal.getRGB(x, y);
                farWhite += luma(rgb) > 235 ? 1 : 0;
                farGrey += Math.abs(luma(rgb) - 175) < 3 ? 1 : 0;
            }
        }
        assertThat(farWhite).as("white pixels of a mark beyond the slab").isZero();
        assertThat(farGrey).as("the light grey inside of a mark beyond the slab").isGreaterThanOrEqualTo(30);

        Path pdf = tmp.resolve("verification.pdf");
        VerificationReport.write(pdf, "TEST^IMAGES", v, finding, null, ct, rois, RX_GY, "CTV drawn", List.of("6711, 0.7 U at implant"));
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertThat(text).contains("not found (white square, black cross; grey when planned beyond 2.5 mm of the slice)")
                    .doesNotContain("not found (red)");
        }
    }

    /**
     * In a greyscale rendering (BT.601 luma of every pixel, as a greyscale printer renders colour) the legend's four isodose
     * samples differ in pattern: the runs of inked and blank columns along each sample and its thickness; the 100 % line is solid
     * and the thickest. Each label beside a sample is legible: its darkest pixel against the band has a luma contrast ratio
     * (L_band + 0.05) / (L_text + 0.05), luma scaled to 0–1, of at least 10 : 1: above the 9.7 : 1 of the old legend's
     * "50%" (blue text on black; its "200%", red, had 6.4 : 1), both reported unreadable in greyscale print, and above the
     * WCAG 2 AAA minimum of 7 : 1 for body text (there with relative luminance in place of BT.601 luma). Black on the white
     * band is 21 : 1. The old lines differed only in colour.
     */
    @Test
    void theFourIsodoseLevelsDifferInPatternInGreyscaleAndTheLegendTextIsLegible() {
        Case k = fiveSeedsOneMissing();
        BufferedImage img = VerificationImages.slice(k.v(), k.ct(), k.rois(), RX_GY, PlanImages.View.AXIAL);
        int bandTop = new SliceView(PlanImages.View.AXIAL, k.grid(), Vec3.ZERO).height;
        double band = luma(img.getRGB(1, bandTop + 1));
        List<String> signatures = new ArrayList<>();
        List<Integer> thickness = new ArrayList<>();
        for (IsodoseStyle level : IsodoseStyle.LEVELS) {
            // the sample: where the level's colour is, exactly, in the band (its core row)
            int x0 = Integer.MAX_VALUE;
            int x1 = -1;
            int yc = -1;
            for (int y = bandTop; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    if ((img.getRGB(x, y) & 0xffffff) == (level.colour().getRGB() & 0xffffff)) {
                        x0 = Math.min(x0, x);
                        x1 = Math.max(x1, x);
                        yc = y;
                    }
                }
            }
            assertThat(x1).as("the %s %% sample in the legend", level.percent()).isGreaterThanOrEqualTo(0);
            // in greyscale: a column is inked where the sample (casing and core) is darker than the band by half
            StringBuilder runs = new StringBuilder();
            boolean inked = false;
            int run = 0;
            int thickest = 0;
            for (int x = x0 - 3; x <= x0 + PlanImages.Legend.LINE_SAMPLE_PX + 3; x++) {
                int dark = 0;
                int drawn = 0;
                for (int y = yc - 5; y <= yc + 5; y++) {
                    dark += luma(img.getRGB(x, y)) < band / 2 ? 1 : 0;
                    drawn += luma(img.getRGB(x, y)) < band - 30 ? 1 : 0;
                }
                thickest = Math.max(thickest, drawn);
                if ((dark > 0) != inked) {
                    runs.append(inked ? "on" : "off").append(run).append(' ');
                    inked = dark > 0;
                    run = 0;
                }
                run++;
            }
            signatures.add(runs.toString().trim());
            thickness.add(thickest);
            // the label's darkest pixel, right of the sample
            double text = 255;
            for (int y = yc - 10; y <= yc + 4; y++) {
                for (int x = x0 + PlanImages.Legend.LINE_SAMPLE_PX + 2; x <= x0 + PlanImages.Legend.LINE_SAMPLE_PX + 24; x++) {
                    text = Math.min(text, luma(img.getRGB(x, y)));
                }
            }
            double contrast = (band / 255 + 0.05) / (text / 255 + 0.05);
            assertThat(contrast).as("luma contrast of the \"%s%%\" label on the legend band", (int) level.percent()).isGreaterThanOrEqualTo(10);
        }
        assertThat(signatures).as("greyscale patterns of the 50/100/150/200 %% samples (blank/inked column runs, px)").doesNotHaveDuplicates();
        assertThat(signatures.get(1)).as("the 100 %% line: solid, one inked run: %s", signatures.get(1)).matches("off\\d+ on\\d+");
        assertThat(signatures.get(0).split(" on").length - 1).as("dots of the 50 % line").isGreaterThanOrEqualTo(5);
        assertThat(thickness.get(1)).as("the 100 %% line is the thickest, px: %s", thickness).isGreaterThan(Math.max(thickness.get(0),
                Math.max(thickness.get(2), thickness.get(3))));
    }

    private static double luma(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
    }
}
