package org.seedplan.server.modelbased;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.seedplan.server.api.Json;

/**
 * What ties a verification's model-based dose to its verification and found seeds: moving one found seed by 0.01 mm or tilting
 * its axis gives another seed set; another post-op CT, registration or contour set another verification; a verification whose
 * found seeds carry no axis is refused rather than dosed along an assumed one.
 */
class VerificationModelBasedDoseTest {

    @Test
    void theKeysChangeWithTheFoundSeedsAndTheVerification() throws Exception {
        ObjectNode v = verification();
        String key = VerificationModelBasedDose.verificationKey(v);
        String seeds = VerificationModelBasedDose.foundSeedsKey(v);
        assertThat(VerificationModelBasedDose.foundSeedsKey(verification())).as("same input, same key").isEqualTo(seeds);

        ObjectNode moved = verification();
        ((ObjectNode) moved.get("found").get(1)).put("xMm", 5.01);
        assertThat(VerificationModelBasedDose.foundSeedsKey(moved)).isNotEqualTo(seeds);
        assertThat(VerificationModelBasedDose.verificationKey(moved)).isEqualTo(key);

        ObjectNode tilted = verification();
        ((ObjectNode) tilted.get("found").get(0).get("axis")).put("x", 0.1).put("z", 0.995);
        assertThat(VerificationModelBasedDose.foundSeedsKey(tilted)).isNotEqualTo(seeds);

        ObjectNode fewer = verification();
        fewer.withArray("found").remove(1);
        assertThat(VerificationModelBasedDose.foundSeedsKey(fewer)).isNotEqualTo(seeds);

        ObjectNode weaker = verification().put("strengthAtImplantU", 0.5);
        assertThat(VerificationModelBasedDose.foundSeedsKey(weaker)).isNotEqualTo(seeds);

        assertThat(VerificationModelBasedDose.verificationKey(verification().put("postOpSeriesUid", "1.2.4"))).isNotEqualTo(key);
        assertThat(VerificationModelBasedDose.verificationKey(verification().put("contours", "structure set B version 2"))).isNotEqualTo(key);
        ObjectNode registered = verification();
        registered.putObject("registration").put("sopInstanceUid", "1.2.9");
        assertThat(VerificationModelBasedDose.verificationKey(registered)).isNotEqualTo(key);
        assertThat(VerificationModelBasedDose.verificationKey(verification().put("revision", 2))).isNotEqualTo(key);
    }

    @Test
    void foundSeedsWithoutTheirAxisAreRefused() throws Exception {
        assertThat(VerificationModelBasedDose.implant(verification())).hasSize(2).allMatch(s -> s.skU() == 0.6);
        ObjectNode old = verification();
        ((ObjectNode) old.get("found").get(0)).remove("axis");
        assertThatThrownBy(() -> VerificationModelBasedDose.implant(old)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("run the verification again");
    }

    private static ObjectNode verification() throws Exception {
        return (ObjectNode) Json.MAPPER.readTree("{\"planId\":7,\"revision\":1,\"postOpSeriesUid\":\"1.2.3\",\"contours\":\"structure set A version 1\","
                + "\"strengthAtImplantU\":0.6,\"found\":[{\"xMm\":-5,\"yMm\":-5,\"zMm\":0,\"axis\":{\"x\":0,\"y\":0,\"z\":1}},"
                + "{\"xMm\":5,\"yMm\":5,\"zMm\":0,\"axis\":{\"x\":0,\"y\":0,\"z\":1}}]}");
    }
}
