package org.seedplan.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The legend band grows with its rows: many structures under a narrow image are all painted, none cut off at the foot. */
class LegendTest {

    @Test
    void aLegendWithManyEntriesIsAsHighAsItsRowsAndPaintsTheLastOne() {
        PlanImages.Legend key = new PlanImages.Legend();
        key.text("axial z = 0.0 mm");
        for (IsodoseStyle level : IsodoseStyle.LEVELS) {
            key.isodose(level, (int) level.percent() + "% 120 Gy");
        }
        for (int n = 0; n < 8; n++) {
            key.outline(PlanImages.ORGAN_COLOURS[n % PlanImages.ORGAN_COLOURS.length], "Structure number " + n);
        }
        int width = 300;
        int height = key.heightPx(width);
        // 13 entries of 90-170 px on 300 px: at least 6 rows of 17 px, where the fixed band of old held 3
        assertThat(height).isGreaterThanOrEqualTo(7 + 17 * 6);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        key.paint(g, width, 0, height);
        g.dispose();
        int lowestInk = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = img.getRGB(x, y);
                if (0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff) < 100) {
                    lowestInk = y;
                }
            }
        }
        assertThat(lowestInk).as("lowest black (text) pixel, px from the band's top").isBetween(height - 17, height - 1);
    }
}
