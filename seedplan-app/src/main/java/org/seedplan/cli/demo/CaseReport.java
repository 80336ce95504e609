package org.seedplan.cli.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.seedplan.cases.CaseDosimetry;
import org.seedplan.cases.PatientCase;
import org.seedplan.io.CaseJson;
import org.seedplan.io.DvhCsv;
import org.seedplan.io.MetricsJson;
import org.seedplan.io.OutputFolder;
import org.seedplan.report.MetricsTable;

/** Prints a case's metrics (table or JSON) and writes its DVH, metrics and case files. */
final class CaseReport {

    static final double DVH_BIN_GY = 1.0;
    /** The files {@link #write} writes. */
    static final java.util.List<String> NAMES = java.util.List.of("dvh.csv", "metrics.json", "case.json");

    private CaseReport() {
    }

    static void print(PatientCase c, CaseDosimetry.Result r, boolean json) {
        if (json) {
            ObjectNode root = MetricsJson.MAPPER.createObjectNode();
            root.set("plan", MetricsJson.of(r.metrics()));
            System.out.println(MetricsJson.write(root));
        } else {
            System.out.printf("%s: %d seeds of %s (%s given%s)%n", c.name(), c.seeds().size(), c.sourceKey(),
                    c.seedStrength() == null ? "strengths in U per seed" : c.seedStrength().toString(),
                    c.seedStrength() == null ? "" : String.format(java.util.Locale.ROOT, " = %.3f U", c.seedStrength().skU()));
            System.out.print(MetricsTable.render(r.metrics()));
        }
    }

    static void write(Path dir, PatientCase c, CaseDosimetry.Result r) {
        try (OutputFolder out = OutputFolder.open(dir)) {
            out.writeString("dvh.csv", DvhCsv.write(r.dvhs(), DVH_BIN_GY));
            out.writeString("metrics.json", MetricsJson.write(MetricsJson.of(r.metrics())));
            out.writeString("case.json", CaseJson.write(c));
            out.commit();
        }
    }
}
