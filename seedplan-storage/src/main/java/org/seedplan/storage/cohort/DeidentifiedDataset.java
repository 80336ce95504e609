package org.seedplan.storage.cohort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A de-identified export: tables of text cells keyed by keyed pseudonyms, with dates as days from the implant.
 *
 * @param tables         table name → header and rows (header first)
 * @param excludedNoImplant patients left out because they have no implant (no day 0)
 */
public record DeidentifiedDataset(Map<String, List<List<String>>> tables, int excludedNoImplant) {

    public DeidentifiedDataset {
        Map<String, List<List<String>>> copy = new LinkedHashMap<>();
        tables.forEach((k, v) -> copy.put(k, v.stream().map(List::copyOf).toList()));
        tables = java.util.Collections.unmodifiableMap(copy);
    }

    /** The rows of a table without its header. */
    public List<List<String>> rows(String table) {
        List<List<String>> t = tables.get(table);
        return t.subList(1, t.size());
    }

    /** The header of a table. */
    public List<String> header(String table) {
        return tables.get(table).get(0);
    }

    /** Writes one CSV file (RFC 4180) per table into {@code dir}. */
    public void writeCsv(Path dir) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, List<List<String>>> e : tables.entrySet()) {
                StringBuilder sb = new StringBuilder();
                for (List<String> row : e.getValue()) {
                    for (int i = 0; i < row.size(); i++) {
                        String c = row.get(i) == null ? "" : row.get(i);
                        if (i > 0) {
                            sb.append(',');
                        }
                        sb.append(c.matches(".*[,\"\n].*") ? '"' + c.replace("\"", "\"\"") + '"' : c);
                    }
                    sb.append('\n');
                }
                Path tmp = dir.resolve("." + e.getKey() + ".csv.tmp");
                Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
                Files.move(tmp, dir.resolve(e.getKey() + ".csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": de-identified export cannot be written (" + e.getMessage() + ")", e);
        }
    }
}
