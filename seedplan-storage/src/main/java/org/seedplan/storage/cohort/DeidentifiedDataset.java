package org.seedplan.storage.cohort;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

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

    /** One table as CSV text (RFC 4180 quoting), header first. */
    public String csv(String table) {
        StringBuilder sb = new StringBuilder();
        for (List<String> row : tables.get(table)) {
            for (int i = 0; i < row.size(); i++) {
                String c = row.get(i) == null ? "" : row.get(i);
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(c.matches("(?s).*[,\"\r\n].*") ? '"' + c.replace("\"", "\"\"") + '"' : c);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Writes one CSV file per table into {@code dir}. */
    public void writeCsv(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String table : tables.keySet()) {
                Path tmp = dir.resolve("." + table + ".csv.tmp");
                Files.writeString(tmp, csv(table), StandardCharsets.UTF_8);
                Files.move(tmp, dir.resolve(table + ".csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": de-identified export cannot be written (" + e.getMessage() + ")", e);
        }
    }

    /** The tables as a zip of {@code <table>.csv} entries, in table order (what the server sends to the statistician). */
    public byte[] zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String table : tables.keySet()) {
                zip.putNextEntry(new ZipEntry(table + ".csv"));
                zip.write(csv(table).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("de-identified export cannot be zipped (" + e.getMessage() + ")", e);
        }
        return bytes.toByteArray();
    }
}
