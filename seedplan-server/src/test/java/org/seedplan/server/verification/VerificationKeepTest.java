package org.seedplan.server.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.seedplan.server.ApiClient;
import org.seedplan.server.TestDatabases;
import org.seedplan.server.TestServer;
import org.seedplan.server.World;
import org.seedplan.storage.account.Role;

/**
 * A finished verification and its post-implant dose stay on the server {@link VerificationOwner#KEEP} by the server's clock and
 * are then forgotten at the next request, with no other run needed (the clock is the test server's, moved by hand); its audit
 * rows stay.
 */
class VerificationKeepTest {

    @Test
    void aRunAndItsDoseAreForgottenAnHourAfterItFinishedAtTheNextRequest() throws Exception {
        try (TestServer t = new TestServer(TestDatabases.Kind.SQLITE)) {
            VerificationFixture f = VerificationFixture.create(t, new World(t), t.a);
            ApiClient physicist = t.signedIn(Role.PHYSICIST, true);
            String id = f.run(physicist, true);
            String isodoses = "/api/verifications/" + id + "/isodoses?axial=0";
            assertThat(physicist.get(isodoses).status()).isEqualTo(200);

            t.clock.advance(VerificationOwner.KEEP.minus(Duration.ofMinutes(1)));
            ApiClient later = t.signedIn(Role.PHYSICIST, true);
            assertThat(later.get(isodoses).status()).as("59 min after the run finished").isEqualTo(200);
            t.clock.advance(Duration.ofMinutes(2));
            assertThat(later.get(isodoses).status()).as("61 min after: forgotten, dose and all").isEqualTo(404);
            assertThat(later.get("/api/verifications/" + id).status()).isEqualTo(404);
            assertThat(t.services.audit().forEntity("verification_run", id)).hasSize(2);
        }
    }
}
