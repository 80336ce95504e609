package org.seedplan.stats.cox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.seedplan.stats.ReferenceData;
import org.seedplan.stats.data.DataTable;
import org.seedplan.stats.data.DataTableReader;

class PrognosticTableTest {

    /** Cox fits: 1e-6 relative, as CoxModelTest. */
    private static final double REL = 1e-6;
    private static final DataTable OVARIAN = ReferenceData.data("ovarian.csv");

    @Test
    void screenEntersCandidatesBelowThresholdIntoTheMultivariableModel() throws IOException {
        PrognosticTable t = PrognosticTable.build(OVARIAN, "futime", "fustat",
                List.of("age", "rx", "ecog.ps", "resid.ds"), Set.of(), Map.of(), null, Ties.EFRON, 0.10);
        JsonNode uni = ReferenceData.expected("cox.json").get("univariable");
        for (PrognosticTable.Row r : t.rows()) {
            double expected = uni.get(r.variable() + "_efron").get("terms").get(0).get("p_wald").asDouble();
            assertThat(r.univariable().pWald()).isCloseTo(expected, within(REL * expected));
        }
        assertThat(t.candidates()).extracting(PrognosticTable.Candidate::entered).containsExactly(true, false, false, true);
        JsonNode e;
        try (InputStream in = getClass().getResourceAsStream("prognostic_reference.json")) {
            e = new ObjectMapper().readTree(in).get("age_resid");
        }
        assertThat(t.multivariable().terms()).extracting(CoxTerm::term).containsExactly("age", "resid.ds");
        for (int i = 0; i < 2; i++) {
            CoxTerm m = t.multivariable().terms().get(i);
            assertThat(m.coef()).isCloseTo(e.get("coef").get(i).asDouble(), within(REL * Math.abs(e.get("coef").get(i).asDouble())));
            assertThat(m.se()).isCloseTo(e.get("se").get(i).asDouble(), within(REL * e.get("se").get(i).asDouble()));
            assertThat(m.pWald()).isCloseTo(e.get("p").get(i).asDouble(), within(REL * e.get("p").get(i).asDouble()));
        }
        assertThat(t.rows().get(1).multivariable()).as("rx did not enter").isNull();
        assertThat(t.rows().get(3).multivariable().term()).isEqualTo("resid.ds");
    }

    @Test
    void categoricalCandidateIsScreenedByItsJointWaldTestAndMissingRowsAreCounted() {
        // agegrp's joint test (p = 0.0002 univariable) enters; one row loses its age group
        StringBuilder csv = new StringBuilder("futime,fustat,agegrp\n");
        String[] t = OVARIAN.text("futime");
        String[] f = OVARIAN.text("fustat");
        String[] g = OVARIAN.text("agegrp");
        for (int i = 0; i < t.length; i++) {
            csv.append(t[i]).append(',').append(f[i]).append(',').append(i == 0 ? "NA" : g[i]).append('\n');
        }
        DataTable table = DataTableReader.readCsv("cohort.csv", csv.toString());
        PrognosticTable p = PrognosticTable.build(table, "futime", "fustat", List.of("agegrp"), Set.of("agegrp"),
                Map.of("agegrp", "lt50"), null, Ties.EFRON, 0.05);
        assertThat(p.candidates().get(0).dropped()).isEqualTo(1);
        assertThat(p.candidates().get(0).n()).isEqualTo(25);
        assertThat(p.candidates().get(0).entered()).isTrue();
        assertThat(p.rows()).extracting(PrognosticTable.Row::term).containsExactly("agegrp50to59", "agegrpge60");
        assertThat(p.rows().get(0).reference()).isEqualTo("lt50");
        // the joint test is the candidate's p, and with one candidate uni- and multivariable models coincide
        assertThat(p.candidates().get(0).p()).isEqualTo(p.multivariable().termTests().get("agegrp").p());
        assertThat(p.candidates().get(0).pMultivariable()).isEqualTo(p.candidates().get(0).p());
    }
}
