package org.seedplan.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seedplan.io.MetricsJson;
import org.seedplan.verify.coldspots.SupplementProposal;

/**
 * verification.json's supplementary D90s are an array in the planner's order, each item naming its structure, as the
 * server's {@code supplement.d90}: an object keyed by structure name is read "1", "2", … first by JavaScript (and by any
 * reader that orders integer-like keys), so a target named "2" would go ahead of "CTV" there alone.
 */
class VerificationFilesTest {

    @Test
    void supplementaryD90sAreAnArrayInThePlannersOrderWhateverTheNames() throws Exception {
        List<String> names = List.of("2", "CTV", "1");
        Map<String, Double> before = new LinkedHashMap<>();
        Map<String, Double> after = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            before.put(names.get(i), 80.123456 + i);
            after.put(names.get(i), 121.5 + i);
        }
        ObjectNode x = VerificationFiles.supplementary(new SupplementProposal(List.of(), List.of(), before, after, true));

        // read back from the text written to the file, not from the node built in memory
        JsonNode read = MetricsJson.MAPPER.readTree(MetricsJson.write(x));
        assertThat(read.has("d90_before_gy")).isFalse();
        assertThat(read.has("d90_after_gy")).isFalse();
        JsonNode d90 = read.get("d90");
        assertThat(d90.isArray()).isTrue();
        List<String> order = new ArrayList<>();
        for (int i = 0; i < d90.size(); i++) {
            JsonNode item = d90.get(i);
            order.add(item.get("structure").asText());
            // the file's four decimals (VerificationFiles.round); after_gy is exact in binary to that precision
            assertThat(item.get("before_gy").asDouble()).isEqualTo(Math.round((80.123456 + i) * 1e4) / 1e4);
            assertThat(item.get("after_gy").asDouble()).isEqualTo(121.5 + i);
        }
        assertThat(order).containsExactlyElementsOf(names);
        assertThat(read.get("seeds").asInt()).isZero();
        assertThat(read.get("reaches_prescription").asBoolean()).isTrue();
        // the terminal's line in the same order
        assertThat(VerificationFiles.describe(new SupplementProposal(List.of(), List.of(), before, after, true)))
                .containsSubsequence("; 2 D90", "; CTV D90", "; 1 D90");
    }
}
