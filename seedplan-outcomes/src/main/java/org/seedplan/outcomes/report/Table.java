package org.seedplan.outcomes.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One report table: a file name, a title, a header row, text rows and footnotes (denominators, complete
 * cases, tests used). Rendered as Markdown, CSV and an .xlsx sheet by {@link TableWriter}.
 *
 * @param name   file and sheet name, e.g. {@code baseline}
 * @param title  title
 * @param header column headings
 * @param rows   rows (each as long as the header)
 * @param notes  footnotes
 */
public record Table(String name, String title, List<String> header, List<List<String>> rows, List<String> notes) {

    public Table {
        header = List.copyOf(header);
        List<List<String>> copy = new ArrayList<>();
        for (List<String> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException("table " + name + ": a row has " + r.size() + " cells for " + header.size() + " columns");
            }
            copy.add(List.copyOf(r));
        }
        rows = List.copyOf(copy);
        notes = List.copyOf(notes);
    }

    /** A builder that collects rows and notes. */
    public static Builder builder(String name, String title, String... header) {
        return new Builder(name, title, List.of(header));
    }

    /** Collects the rows and notes of a table. */
    public static final class Builder {
        private final String name;
        private final String title;
        private final List<String> header;
        private final List<List<String>> rows = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        private Builder(String name, String title, List<String> header) {
            this.name = name;
            this.title = title;
            this.header = header;
        }

        /** Adds a row. */
        public Builder row(String... cells) {
            rows.add(List.of(cells));
            return this;
        }

        /** Adds a row. */
        public Builder row(List<String> cells) {
            rows.add(cells);
            return this;
        }

        /** Adds a footnote. */
        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        /** The table. */
        public Table build() {
            return new Table(name, title, header, rows, notes);
        }
    }
}
