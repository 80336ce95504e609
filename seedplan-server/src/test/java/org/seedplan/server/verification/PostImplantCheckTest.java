package org.seedplan.server.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;
import org.seedplan.server.api.Json;
import org.seedplan.verify.seedfinder.FoundSeed;
import org.seedplan.verify.seedfinder.SeedFinderCalibration;
import org.seedplan.verify.seedfinder.SeedFinding;

/** The seed finder's self-check reaches the verification answer unchanged, in order, before everything else. */
class PostImplantCheckTest {

    @Test
    void theSelfCheckLinesAreTheAnswersFirstFieldInTheFindersOrder() {
        List<String> lines = List.of("SEED COUNT: 3 found, 4 implanted (1 not found): look at the images",
                "OTHER METAL: 1 object(s) not shaped like seeds, not counted: screw or rod, 33 mm long, 1402 mm³ at (1.0, 2.0, 3.0) mm");
        SeedFinding finding = new SeedFinding(List.of(new FoundSeed(new Vec3(0, 0, 0), Vec3.UNIT_Z, 0.9, 1)), List.of(), List.of(),
                new SeedFinderCalibration(40, 3071, 1252, 20, 0.5, 1.0, 3, 3.3), OptionalInt.of(4), List.of(), lines);
        ObjectNode o = Json.MAPPER.createObjectNode();
        PostImplantCheck.putSelfCheck(o, finding);
        o.put("prescriptionGy", 120);
        assertThat(o.fieldNames().next()).isEqualTo("selfCheck");
        assertThat(o.get("selfCheck")).extracting(JsonNode::asText).containsExactlyElementsOf(lines);
    }
}
