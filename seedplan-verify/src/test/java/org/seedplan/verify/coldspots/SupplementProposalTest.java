package org.seedplan.verify.coldspots;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The terminal's supplement line, verification.json and the server's {@code supplement.d90} list the targets by iterating
 * {@link SupplementProposal#d90BeforeGy()}: it keeps the order it was given (the planner's), not a hash order.
 */
class SupplementProposalTest {

    @Test
    void theTargetsKeepTheOrderTheyWereGivenIn() {
        // four targets in both orders: a hash order can agree with one insertion order by chance, hardly with both
        List<String> names = new ArrayList<>(List.of("CTV", "2", "GTV", "1"));
        for (int pass = 0; pass < 2; pass++) {
            Map<String, Double> before = new LinkedHashMap<>();
            Map<String, Double> after = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                before.put(names.get(i), 50.0 + i);
                after.put(names.get(i), 120.0 + i);
            }
            SupplementProposal p = new SupplementProposal(List.of(), List.of(), before, after, true);
            assertThat(p.d90BeforeGy().keySet()).containsExactlyElementsOf(names);
            assertThat(p.d90AfterGy().keySet()).containsExactlyElementsOf(names);
            assertThat(p.d90AfterGy()).containsExactlyEntriesOf(after);
            Collections.reverse(names);
        }
    }
}
