package org.seedplan.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.seedplan.stats.data.DataTable;
import org.seedplan.stats.data.DataTableReader;

/** Access to the R-computed reference set in ../shared/reference/stats (R 4.2.2, survival 3.5.3). */
public final class ReferenceData {

    private ReferenceData() {
    }

    /** The reference folder. */
    public static Path dir() {
        String shared = System.getProperty("seedplan.shared");
        Path base = shared != null ? Path.of(shared) : Path.of("../../shared");
        if (!Files.isDirectory(base)) {
            base = Path.of("../../shared");
        }
        return base.resolve("reference/stats");
    }

    /** One expected-output JSON file. */
    public static JsonNode expected(String name) {
        try {
            return new ObjectMapper().readTree(dir().resolve("expected").resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One input data file. */
    public static DataTable data(String name) {
        return DataTableReader.read(dir().resolve("data").resolve(name));
    }

    /** A JSON number, NaN for null. */
    public static double num(JsonNode n) {
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }
}
