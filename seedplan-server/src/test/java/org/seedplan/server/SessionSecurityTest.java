package org.seedplan.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.seedplan.server.security.PasswordHasher;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.audit.AuditEvent;

/** Sign-in, lockout, session rotation, idle timeout, CSRF and Origin checks over real HTTP; run on both databases by the subclasses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SessionSecurityTest {

    TestServer t;

    abstract TestDatabases.Kind kind();

    @BeforeAll
    void start() throws Exception {
        t = new TestServer(kind());
    }

    @AfterAll
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    @Test
    void signInAnswersTheContractAndSetsAStrictHttpOnlyCookie() {
        ApiClient c = new ApiClient(t.base());
        ApiClient.Answer a = c.signIn("physician_a", TestServer.PASSWORD);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().at("/user/username").asText()).isEqualTo("physician_a");
        assertThat(a.json().at("/csrfToken").asText()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(a.json().at("/roles/0/centreCode").asText()).isEqualTo("A");
        assertThat(a.json().at("/roles/0/role").asText()).isEqualTo("PHYSICIAN");
        assertThat(a.json().at("/mustChangePassword").asBoolean()).isFalse();
        String cookie = a.raw().headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("seedplan_session=").contains("HttpOnly").contains("SameSite=Strict").contains("Path=/")
                .doesNotContain("Secure");
        assertThat(c.get("/api/session").json().at("/user/username").asText()).isEqualTo("physician_a");
    }

    @Test
    void secureCookieOnlyWhenTheTrustedProxySaysHttps() throws Exception {
        ApiClient c = new ApiClient(t.base());
        ApiClient.Answer a = c.send("POST", "/api/session", "{\"username\":\"monitor_a\",\"password\":\"" + TestServer.PASSWORD + "\"}",
                Map.of("X-Forwarded-Proto", "https"));
        assertThat(a.status()).isEqualTo(200);
        // 127.0.0.1 is not a configured proxy: its X-Forwarded-Proto is not believed
        assertThat(a.raw().headers().firstValue("Set-Cookie").orElseThrow()).doesNotContain("Secure");
        try (SeedplanServer proxied = SeedplanServer.start(Services.open(
                new ServerConfig("127.0.0.1", 0, java.util.Set.of("127.0.0.1"), t.clock), t.db))) {
            ApiClient.Answer b = new ApiClient("http://127.0.0.1:" + proxied.port()).send("POST", "/api/session",
                    "{\"username\":\"monitor_a\",\"password\":\"" + TestServer.PASSWORD + "\"}", Map.of("X-Forwarded-Proto", "https"));
            assertThat(b.raw().headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");
        }
    }

    @Test
    void wrongPasswordIs401ProblemAndAudited() {
        ApiClient.Answer a = new ApiClient(t.base()).signIn("data_entry_b", "not the password");
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.raw().headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(a.json().get("status").asInt()).isEqualTo(401);
        long id = t.usersB.get(Role.DATA_ENTRY).id();
        assertThat(t.services.audit().forEntity("app_user", id)).extracting(AuditEvent::action).contains("SIGN_IN_FAILED");
        assertThat(new ApiClient(t.base()).signIn("data_entry_b", TestServer.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void fiveFailuresLockTheAccountFor15MinutesEvenWithTheRightPassword() {
        ApiClient c = new ApiClient(t.base());
        for (int i = 0; i < 4; i++) {
            assertThat(c.signIn("statistician_b", "wrong " + i).status()).isEqualTo(401);
        }
        ApiClient.Answer fifth = c.signIn("statistician_b", "wrong 5");
        assertThat(fifth.status()).isEqualTo(423);
        assertThat(fifth.json().get("detail").asText()).contains("locked until");
        assertThat(c.signIn("statistician_b", TestServer.PASSWORD).status()).isEqualTo(423);
        t.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(c.signIn("statistician_b", TestServer.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void anAdministratorCanLiftALockoutWithAReason() {
        ApiClient c = new ApiClient(t.base());
        for (int i = 0; i < 5; i++) {
            c.signIn("physicist_b", "wrong " + i);
        }
        assertThat(c.signIn("physicist_b", TestServer.PASSWORD).status()).isEqualTo(423);
        ApiClient admin = t.signedIn(Role.ADMINISTRATOR, false);
        long id = t.usersB.get(Role.PHYSICIST).id();
        assertThat(admin.post("/api/users/" + id + "/unlock", "{}").status()).isEqualTo(400);
        assertThat(t.signedIn(Role.ADMINISTRATOR, true).post("/api/users/" + id + "/unlock", "{\"reason\":\"x\"}").status()).isEqualTo(404);
        assertThat(admin.post("/api/users/" + id + "/unlock", "{\"reason\":\"called the help desk\"}").status()).isEqualTo(200);
        assertThat(c.signIn("physicist_b", TestServer.PASSWORD).status()).isEqualTo(200);
        assertThat(t.services.audit().forEntity("app_user", id)).extracting(AuditEvent::action).contains("LOCK", "UNLOCK");
    }

    @Test
    void unknownUserNamesAreLockedOutLikeRealOnes() {
        ApiClient c = new ApiClient(t.base());
        for (int i = 0; i < 4; i++) {
            assertThat(c.signIn("nobody_here", "x").status()).isEqualTo(401);
        }
        assertThat(c.signIn("nobody_here", "x").status()).isEqualTo(423);
    }

    @Test
    void signInRotatesTheSessionId() {
        ApiClient c = t.signedIn(Role.PHYSICIST, true);
        String first = c.cookie();
        assertThat(c.signIn("physicist_a", TestServer.PASSWORD).status()).isEqualTo(200);
        assertThat(c.cookie()).isNotEqualTo(first);
        assertThat(new ApiClient(t.base()).withSession(first, c.csrf()).get("/api/session").status()).isEqualTo(401);
        assertThat(c.get("/api/session").status()).isEqualTo(200);
    }

    @Test
    void sessionEndsAfter30IdleMinutesButNotWhileUsed() {
        ApiClient c = t.signedIn(Role.MONITOR, false);
        t.clock.advance(Duration.ofMinutes(20));
        assertThat(c.get("/api/centres").status()).isEqualTo(200);
        t.clock.advance(Duration.ofMinutes(20));
        assertThat(c.get("/api/centres").status()).isEqualTo(200);
        t.clock.advance(Duration.ofMinutes(31));
        ApiClient.Answer a = c.get("/api/centres");
        assertThat(a.status()).isEqualTo(401);
    }

    @Test
    void stateChangeWithoutCsrfTokenIs403() {
        ApiClient c = t.signedIn(Role.ADMINISTRATOR, true);
        c.withoutCsrf();
        ApiClient.Answer a = c.delete("/api/session", null);
        assertThat(a.status()).isEqualTo(403);
        assertThat(a.json().get("detail").asText()).contains("X-CSRF-Token");
    }

    @Test
    void stateChangeFromAnotherOriginIs403() {
        ApiClient c = t.signedIn(Role.ADMINISTRATOR, true);
        assertThat(c.send("DELETE", "/api/session", null, Map.of("Origin", "https://evil.example")).status()).isEqualTo(403);
        assertThat(c.send("POST", "/api/session", "{\"username\":\"x\",\"password\":\"y\"}", Map.of("Origin", "https://evil.example")).status())
                .isEqualTo(403);
        assertThat(c.send("DELETE", "/api/session", null, Map.of("Origin", t.base())).status()).isEqualTo(204);
        assertThat(c.get("/api/session").status()).isEqualTo(401);
    }

    @Test
    void changingThePasswordEndsOtherSessions() {
        ApiClient first = t.signedIn(Role.DATA_ENTRY, true);
        ApiClient second = t.signedIn(Role.DATA_ENTRY, true);
        String next = "a much longer new password";
        ApiClient.Answer a = first.put("/api/session/password",
                "{\"currentPassword\":\"" + TestServer.PASSWORD + "\",\"newPassword\":\"" + next + "\"}");
        assertThat(a.status()).isEqualTo(200);
        assertThat(first.get("/api/session").status()).isEqualTo(200);
        assertThat(second.get("/api/session").status()).isEqualTo(401);
        assertThat(first.put("/api/session/password", "{\"currentPassword\":\"" + next + "\",\"newPassword\":\"" + TestServer.PASSWORD + "\"}").status())
                .isEqualTo(200);
    }

    /**
     * The fixture users hold a cheap test hash (TestServer.PASSWORD_HASH); every password the server stores itself, a new
     * user's one-time password and a changed password, is hashed at PasswordHasher's full cost (OWASP: m = 19 MiB, t = 2).
     */
    @Test
    void passwordsTheServerSetsAreHashedAtTheProductionCost() {
        String production = "$argon2id$v=19$m=19456,t=2,p=1$";
        assertThat(new PasswordHasher().hash(TestServer.PASSWORD)).startsWith(production);
        assertThat(storedHash("monitor_b")).isEqualTo(TestServer.PASSWORD_HASH).doesNotStartWith(production);
        ApiClient admin = t.signedIn(Role.ADMINISTRATOR, true);
        ApiClient.Answer created = admin.post("/api/users", "{\"centreId\":" + t.a.id()
                + ",\"username\":\"cost_check\",\"displayName\":\"Cost Check\",\"role\":\"MONITOR\",\"reason\":\"joins the study\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(storedHash("cost_check")).startsWith(production);
        ApiClient user = new ApiClient(t.base());
        assertThat(user.signIn("cost_check", created.json().get("oneTimePassword").asText()).status()).isEqualTo(200);
        String before = storedHash("cost_check");
        assertThat(user.put("/api/session/password", "{\"currentPassword\":\"" + created.json().get("oneTimePassword").asText()
                + "\",\"newPassword\":\"a much longer new password\"}").status()).isEqualTo(200);
        assertThat(storedHash("cost_check")).startsWith(production).isNotEqualTo(before);
    }

    private String storedHash(String username) {
        return t.services.accounts().users().findByUsername(username).orElseThrow().passwordHash();
    }

    @Test
    void withoutSessionEveryRouteButSignInIs401() {
        ApiClient anon = new ApiClient(t.base());
        assertThat(anon.get("/api/centres").status()).isEqualTo(401);
        assertThat(anon.get("/api/openapi.json").status()).isEqualTo(200);
    }
}
