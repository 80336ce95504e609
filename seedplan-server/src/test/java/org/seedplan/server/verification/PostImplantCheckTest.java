package org.seedplan.server.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;
import org.seedplan.server.api.Json;
import org.seedplan.server.jobs.BackgroundJobs;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;
import org.seedplan.verify.seedfinder.FoundSeed;
import org.seedplan.verify.seedfinder.SeedFinderCalibration;
import org.seedplan.verify.seedfinder.SeedFinding;

/**
 * The seed finder's self-check reaches the verification answer unchanged, in order, before everything else; the targets' cold
 * regions reach it in the structure set's order, which the verification screen lists them in.
 */
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

    /** The verification screen lists {@code coldRegions} in the array's order: the structure set's, run after run. */
    @Test
    void theColdRegionsAreInTheStructureSetsOrderOfItsTargets() {
        List<Contour> small = new ArrayList<>();
        for (double z = -8; z <= 8; z += 2) {
            small.add(new Contour(z, new double[] {-4, 4, 4, -4}, new double[] {-4, -4, 4, 4}));
        }
        Structure ctv = VerificationFixture.structures().get(0);
        // four targets in both orders: a hash order can agree with one insertion order by chance (two keys colliding in a slot
        // keep their insertion order), hardly with both orders of four
        List<Structure> targets = List.of(new Structure("GTV", StructureType.GTV, 0xFF0000, small), ctv,
                new Structure("PTV", StructureType.PTV, 0x00FF00, ctv.contours()), new Structure("GTV_node", StructureType.GTV, 0x0000FF, small));
        List<String> names = targets.stream().map(Structure::name).toList();
        List<Structure> reversed = new ArrayList<>(targets);
        java.util.Collections.reverse(reversed);
        assertThat(coldRegionNames(targets)).containsExactlyElementsOf(names);
        assertThat(coldRegionNames(reversed)).containsExactlyElementsOf(reversed.stream().map(Structure::name).toList());
        assertThat(coldRegionNames(targets)).as("the same input again").containsExactlyElementsOf(names);
    }

    private static List<String> coldRegionNames(List<Structure> structures) {
        BackgroundJobs.Progress quiet = new BackgroundJobs.Progress() {
            @Override
            public void progress(String stepName, double fraction) {
            }

            @Override
            public boolean cancelRequested() {
                return false;
            }
        };
        JsonNode cold = PostImplantCheck.run(VerificationFixture.plan("{\"target\":\"CTV\"}", "1.2.826.0.1.3680043.2.1125.1", 120, null),
                VerificationFixture.postOpCt(), structures, "GTV and CTV", null, quiet).json().get("coldRegions");
        assertThat(cold.isArray()).as("coldRegions, an array (an object keyed by name lists \"2\" before \"CTV\" in a browser)").isTrue();
        List<String> names = new ArrayList<>();
        cold.forEach(t -> names.add(t.get("structure").asText()));
        return names;
    }
}
