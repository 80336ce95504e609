package org.seedplan.outcomes.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a {@link CohortReport} into a folder: {@code report.md}, {@code report.xlsx} (one sheet per table),
 * {@code tables/NAME.csv} and {@code figures/NAME.svg} + {@code .png}. Everything is written into a temporary
 * folder beside the target first and moved into place only when complete, so a failure leaves nothing behind.
 */
public final class ReportWriter {

    /** Image pixels per figure pixel in the PNGs (2 = sharp on high-density screens and in print). */
    public static final double PNG_SCALE = 2.0;

    private ReportWriter() {
    }

    /** Writes the report into {@code out} (created if needed; files of the same name are replaced). Returns the files written. */
    public static List<Path> write(CohortReport report, int patients, Path out) {
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IllegalArgumentException(out + " is a file; fix: give a folder for the report");
        }
        Path parent = target.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + target.getFileName() + "-");
            Files.createDirectories(tmp.resolve("tables"));
            TableWriter.text(tmp.resolve("report.md"), report.markdown(patients));
            List<Table> all = new ArrayList<>(report.tables());
            all.addAll(report.exports());
            for (Table t : all) {
                TableWriter.text(tmp.resolve("tables").resolve(t.name() + ".csv"), TableWriter.csv(t));
            }
            TableWriter.xlsx(all, tmp.resolve("report.xlsx"));
            FigureFiles.write(report.figures(), tmp.resolve("figures"));
            return moveInto(tmp, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    private static List<Path> moveInto(Path tmp, Path target) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(tmp)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        List<Path> written = new ArrayList<>();
        for (Path f : files) {
            Path dest = target.resolve(tmp.relativize(f).toString());
            Files.createDirectories(dest.getParent());
            Files.move(f, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written.add(dest);
        }
        return written;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
