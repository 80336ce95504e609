package org.seedplan.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.storage.Database;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.registry.Patient;

/** Two servers on one PostgreSQL database share sessions and data: nothing pins a user to one process. */
class TwoServerTest {

    @Test
    void aSessionStartedOnOneServerWorksOnTheOtherAndWritesAreSharedBothWays(@TempDir Path dir) throws Exception {
        String url = TestDatabases.freshSchemaUrl();
        try (TestServer one = new TestServer(TestDatabases.Kind.POSTGRESQL, Database.open(dir.resolve("one"), url));
                TestServer two = new TestServer(TestDatabases.Kind.POSTGRESQL, Database.open(dir.resolve("two"), url))) {
            ApiClient onOne = one.signedIn(Role.DATA_ENTRY, true);
            ApiClient onTwo = new ApiClient(two.base()).withSession(onOne.cookie(), onOne.csrf());
            assertThat(onTwo.get("/api/session").json().at("/user/username").asText()).isEqualTo("data_entry_a");

            Patient p = new World(one).patient(one.a);
            assertThat(onTwo.put("/api/patients/" + p.id(), "{\"version\":1,\"diagnosis\":\"NSCLC\"}").status()).isEqualTo(200);
            assertThat(onOne.get("/api/patients/" + p.id()).json().get("diagnosis").asText()).isEqualTo("NSCLC");
            ApiClient.Answer created = onOne.post("/api/patients", "{\"centreId\":" + one.a.id() + ",\"patientId\":\"TWO-1\"}");
            assertThat(created.status()).isEqualTo(201);
            assertThat(onTwo.get("/api/patients?q=TWO-1").json().get("total").asLong()).isEqualTo(1);

            assertThat(onTwo.delete("/api/session", null).status()).isEqualTo(204);
            assertThat(new ApiClient(one.base()).withSession(onOne.cookie(), onOne.csrf()).get("/api/session").status()).isEqualTo(401);
        }
    }

    @Test
    void failedSignInsAgainstAnUnknownNameAreCountedAcrossServersAndLockItOnBoth(@TempDir Path dir) throws Exception {
        String url = TestDatabases.freshSchemaUrl();
        try (TestServer one = new TestServer(TestDatabases.Kind.POSTGRESQL, Database.open(dir.resolve("one"), url));
                TestServer two = new TestServer(TestDatabases.Kind.POSTGRESQL, Database.open(dir.resolve("two"), url))) {
            ApiClient a = new ApiClient(one.base());
            ApiClient b = new ApiClient(two.base());
            // alternating servers, and the name in other letter cases: one count of five, not two counts of under five
            assertThat(a.signIn("Nobody.Here", "wrong").status()).isEqualTo(401);
            assertThat(b.signIn("nobody.here", "wrong").status()).isEqualTo(401);
            assertThat(a.signIn("NOBODY.HERE", "wrong").status()).isEqualTo(401);
            assertThat(b.signIn(" nobody.here ", "wrong").status()).isEqualTo(401);
            assertThat(a.signIn("nobody.here", "wrong").status()).as("fifth failure, made on server one").isEqualTo(423);
            assertThat(b.signIn("nobody.here", "wrong").status()).as("server two sees the lock").isEqualTo(423);
            assertThat(b.signIn("somebody.else", "wrong").status()).as("another unknown name is not locked").isEqualTo(401);
        }
    }
}
