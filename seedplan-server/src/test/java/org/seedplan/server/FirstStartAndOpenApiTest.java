package org.seedplan.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.server.api.Route;
import org.seedplan.storage.Database;

/** The first start's administrator (one-time password, forced change) and the OpenAPI document of every route. */
class FirstStartAndOpenApiTest {

    @Test
    void theFirstStartCreatesAnAdministratorWhoMustChangeTheOneTimePassword(@TempDir Path dir) throws Exception {
        try (Database db = Database.open(dir)) {
            Services s = Services.open(ServerConfig.local(0), db);
            Optional<String> once = FirstStart.ensureAdministrator(s, null);
            assertThat(once).isPresent();
            assertThat(FirstStart.ensureAdministrator(s, null)).as("second start").isEmpty();
            try (SeedplanServer server = SeedplanServer.start(s)) {
                ApiClient c = new ApiClient("http://127.0.0.1:" + server.port());
                ApiClient.Answer in = c.signIn("admin", once.get());
                assertThat(in.status()).isEqualTo(200);
                assertThat(in.json().get("mustChangePassword").asBoolean()).isTrue();
                assertThat(in.json().at("/roles/0/role").asText()).isEqualTo("ADMINISTRATOR");
                ApiClient.Answer blocked = c.get("/api/centres/" + in.json().at("/roles/0/centreId").asLong() + "/users");
                assertThat(blocked.status()).isEqualTo(403);
                assertThat(blocked.json().get("detail").asText()).contains("change your password");
                assertThat(c.put("/api/session/password", "{\"currentPassword\":\"" + once.get() + "\",\"newPassword\":\"a new long password\"}").status())
                        .isEqualTo(200);
                assertThat(c.get("/api/centres/" + in.json().at("/roles/0/centreId").asLong() + "/users").status()).isEqualTo(200);
            }
        }
    }

    @Test
    void thePasswordFileIsUsedAndATooShortOneRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pw.txt");
        try (Database db = Database.open(dir.resolve("data"))) {
            Services s = Services.open(ServerConfig.local(0), db);
            Files.writeString(file, "short\n");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> FirstStart.ensureAdministrator(s, file))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--admin-password-file");
            Files.writeString(file, "from the file 123\n");
            assertThat(FirstStart.ensureAdministrator(s, file)).isEmpty();
            try (SeedplanServer server = SeedplanServer.start(s)) {
                assertThat(new ApiClient("http://127.0.0.1:" + server.port()).signIn("admin", "from the file 123").status()).isEqualTo(200);
            }
        }
    }

    @Test
    void theOpenApiDocumentListsEveryRouteWithItsPermission() throws Exception {
        try (TestServer t = new TestServer(TestDatabases.Kind.SQLITE)) {
            JsonNode doc = new ApiClient(t.base()).get("/api/openapi.json").json();
            assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
            for (Route r : t.server.routes()) {
                JsonNode op = doc.at("/paths/" + r.path().replace("~", "~0").replace("/", "~1") + "/" + r.method().name().toLowerCase(Locale.ROOT));
                assertThat(op.isMissingNode()).as(r.method() + " " + r.path()).isFalse();
                assertThat(op.get("x-permission").asText()).isEqualTo(r.permission().name());
                assertThat(op.at("/responses/" + r.successStatus()).isMissingNode()).isFalse();
                r.otherSuccessStatuses().keySet().forEach(status -> assertThat(op.at("/responses/" + status).isMissingNode())
                        .as(r.method() + " " + r.path() + " answers " + status).isFalse());
            }
            // needles-from-ct answers 201 with a new revision and 200 when it only finds (replan false): both are documented
            JsonNode needles = doc.at("/paths/" + "/api/plans/{planId}/revisions/{rev}/needles-from-ct".replace("/", "~1") + "/post/responses");
            assertThat(needles.has("200")).isTrue();
            assertThat(needles.has("201")).isTrue();
            // both with the needle rows' schema, which names how sure each tip is along z and along the needle, and each axis's tilt
            for (String status : List.of("200", "201")) {
                JsonNode row = needles.at("/" + status + "/content/application~1json/schema/properties/needles/items/properties");
                assertThat(row.at("/tipZUncertaintyMm/type").asText()).as(status).isEqualTo("number");
                assertThat(row.at("/tipAxisUncertaintyMm/type").asText()).as(status).isEqualTo("number");
                assertThat(row.at("/tipInPlaneUncertaintyMm/type").asText()).as(status).isEqualTo("number");
                assertThat(needles.at("/" + status + "/content/application~1json/schema/properties/unmatchedFound/items/properties"
                        + "/tipAxisUncertaintyMm/type").asText()).as(status).isEqualTo("number");
                // and how sure its axis is (degrees)
                assertThat(row.at("/axisUncertaintyDeg/type").asText()).as(status).isEqualTo("number");
                assertThat(row.at("/axisUncertaintyDeg/description").asText()).as(status).contains("degrees");
                assertThat(needles.at("/" + status + "/content/application~1json/schema/properties/unmatchedFound/items/properties"
                        + "/axisUncertaintyDeg/type").asText()).as(status).isEqualTo("number");
            }
        }
    }
}
