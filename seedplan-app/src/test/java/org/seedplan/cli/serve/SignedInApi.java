package org.seedplan.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A client of a running workstation's JSON API signed in as one user (session cookie and CSRF token), each answer's status checked. */
final class SignedInApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private String csrf = "";
    /** The password the user signed in with (an approval's e-signature asks for it again). */
    String password;

    SignedInApi(String base) {
        this.base = base.endsWith("/") ? base : base + "/";
    }

    void signIn(String user, String pw) throws Exception {
        password = pw;
        csrf = post("api/session", "{\"username\":\"" + user + "\",\"password\":\"" + pw + "\"}", 200).get("csrfToken").asText();
    }

    /** GET of {@code path} (relative to the server's address), which must answer 200 with JSON. */
    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** GET of a binary answer, which must be 200. */
    byte[] bytes(String path) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path + " " + new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return r.body();
    }

    /** POST of JSON {@code body}, which must answer {@code status}; the answer as JSON. */
    JsonNode post(String path, String body, int status) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }
}
