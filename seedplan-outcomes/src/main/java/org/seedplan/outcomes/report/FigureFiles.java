package org.seedplan.outcomes.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Writes figures as SVG and PNG files into a folder, each through a temporary file moved into place. */
public final class FigureFiles {

    private FigureFiles() {
    }

    /** Writes {@code NAME.svg}, {@code NAME.png} and {@code NAME.pdf} of every figure into {@code dir}; returns the files. */
    public static List<Path> write(List<? extends Figure> figures, Path dir) {
        List<Path> out = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (Figure f : figures) {
                Path svg = dir.resolve(f.name() + ".svg");
                Path png = dir.resolve(f.name() + ".png");
                Path tmpSvg = dir.resolve("." + f.name() + ".svg.tmp");
                Path tmpPng = dir.resolve("." + f.name() + ".png.tmp");
                Path pdf = dir.resolve(f.name() + ".pdf");
                Path tmpPdf = dir.resolve("." + f.name() + ".pdf.tmp");
                try {
                    Files.writeString(tmpSvg, f.svg(), StandardCharsets.UTF_8);
                    ImageIO.write(f.png(ReportWriter.PNG_SCALE), "png", tmpPng.toFile());
                    Files.write(tmpPdf, f.pdf());
                    Files.move(tmpSvg, svg, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(tmpPng, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(tmpPdf, pdf, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmpSvg);
                    Files.deleteIfExists(tmpPng);
                    Files.deleteIfExists(tmpPdf);
                }
                out.add(svg);
                out.add(png);
                out.add(pdf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
