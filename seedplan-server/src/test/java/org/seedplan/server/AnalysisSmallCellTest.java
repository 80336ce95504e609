package org.seedplan.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.seedplan.outcomes.io.ImportedCohort;
import org.seedplan.outcomes.io.SyntheticCohort;
import org.seedplan.outcomes.registry.Patient;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.cohort.CohortExporter;
import org.seedplan.storage.cohort.CohortImporter;

/**
 * The cohort dashboard's small-cell suppression (docs/analysis-plans.md): a group of two patients shows its count as "&lt; 5" and
 * neither their ages (mean, SD, median, quartiles, min, max) nor their survival curve.
 */
class AnalysisSmallCellTest {

    @Test
    void aGroupOfTwoRevealsNoAgesAndNoCurve() throws Exception {
        try (TestServer t = new TestServer(TestDatabases.Kind.SQLITE)) {
            SyntheticCohort.Result demo = SyntheticCohort.generate(14, 11, 0);
            new CohortImporter(t.db).importCohort(Actor.SYSTEM, t.a.id(), new ImportedCohort(demo.cohort(), demo.sessions(), "test"));
            // the two oldest patients as the registry gives them to the plan: a cut between the 2nd and 3rd oldest makes a group of two
            List<Patient> ps = new ArrayList<>(new CohortExporter(t.db).read(List.of(t.a.id())).cohort().patients());
            ps.sort(Comparator.comparing(Patient::ageYears).reversed());
            double second = ps.get(1).ageYears();
            double third = ps.get(2).ageYears();
            assertThat(third).as("synthetic ages distinct enough for a group of two").isLessThan(second);
            String cut = String.format(Locale.ROOT, "%.1f", (second + third) / 2);
            String plan = """
                    {"version": 1, "title": "small groups",
                     "endpoints": [{"name": "os", "label": "Overall survival", "events": ["death"]}],
                     "factors": [{"name": "old", "label": "Age", "variable": "age_years", "cut": %s}],
                     "baseline": ["age_years"], "compare_by": "old", "survival": {"by": ["old"]},
                     "outputs": ["baseline", "survival", "km"]}""".formatted(cut);
            ApiClient stat = t.signedIn(Role.STATISTICIAN, true);
            ApiClient.Answer a = stat.post("/api/analysis/run?centreId=" + t.a.id(), "{\"plan\": " + plan + "}");
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            JsonNode out = a.json();
            assertThat(out.get("minCellSize").asInt()).isEqualTo(ServerConfig.DEFAULT_MIN_CELL_SIZE);
            JsonNode baseline = table(out, "baseline");
            List<String> header = new ArrayList<>();
            baseline.get("header").forEach(h -> header.add(h.asText()));
            JsonNode small = null;
            for (JsonNode row : baseline.get("rows")) {
                if (row.get(header.indexOf("group")).asText().startsWith("≥")) {
                    small = row;
                }
            }
            assertThat(small).as("the row of the group of two").isNotNull();
            assertThat(small.get(header.indexOf("n")).asText()).isEqualTo("< 5");
            for (String c : List.of("mean", "sd", "median", "p25", "p75", "min", "max")) {
                assertThat(small.get(header.indexOf(c)).asText()).as(c + " of the group of two").isEmpty();
            }
            List<String> ages = List.of(ps.get(0).ageYears(), ps.get(1).ageYears()).stream().map(x -> x == Math.rint(x)
                    ? Long.toString(x.longValue()) : Double.toString(x)).toList();
            List<String> cells = new ArrayList<>();
            small.forEach(x -> cells.add(x.asText()));
            assertThat(cells).doesNotContainAnyElementsOf(ages);
            JsonNode survival = table(out, "survival");
            List<String> sh = new ArrayList<>();
            survival.get("header").forEach(h -> sh.add(h.asText()));
            for (JsonNode row : survival.get("rows")) {
                if (row.get(sh.indexOf("level")).asText().startsWith("≥")) {
                    assertThat(row.get(sh.indexOf("n")).asText()).isEqualTo("< 5");
                    assertThat(row.get(sh.indexOf("median_months")).asText()).isEmpty();
                }
            }
            List<String> figures = new ArrayList<>();
            out.get("figures").forEach(f -> figures.add(f.get("name").asText()));
            assertThat(figures).as("the curve of two patients is withheld").contains("km_os").doesNotContain("km_os_by_old");
        }
    }

    private static JsonNode table(JsonNode out, String name) {
        for (JsonNode t : out.get("tables")) {
            if (t.get("name").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no table " + name);
    }
}
