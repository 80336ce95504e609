package org.seedplan.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.seedplan.server.api.Json;

/** A test client of one user: real HTTP, keeps the session cookie and sends the CSRF token like the browser screens do. */
public final class ApiClient {

    /** One answer. */
    public record Answer(int status, String body, HttpResponse<String> raw) {
        /** The body as JSON. */
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private String cookie;
    private String csrf;
    private boolean sendCsrf = true;

    public ApiClient(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** Signs in; returns the answer. */
    public Answer signIn(String user, String password) {
        return send("POST", "/api/session", Json.MAPPER.createObjectNode().put("username", user).put("password", password).toString(), Map.of());
    }

    public String cookie() {
        return cookie;
    }

    /** Uses another session cookie and token (as a second server's client would). */
    public ApiClient withSession(String cookieValue, String csrfToken) {
        this.cookie = cookieValue;
        this.csrf = csrfToken;
        return this;
    }

    public String csrf() {
        return csrf;
    }

    /** Stops sending the CSRF header. */
    public ApiClient withoutCsrf() {
        sendCsrf = false;
        return this;
    }

    public Answer get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Answer post(String path, String json) {
        return send("POST", path, json, Map.of());
    }

    public Answer put(String path, String json) {
        return send("PUT", path, json, Map.of());
    }

    public Answer delete(String path, String json) {
        return send("DELETE", path, json, Map.of());
    }

    /** GET of a binary answer (200 expected). */
    public byte[] bytes(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        try {
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new AssertionError(path + " answered " + r.statusCode() + ": " + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
            return r.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POST multipart/form-data: text fields and files (each as part "file"). */
    public Answer multipart(String path, Map<String, String> fields, java.util.List<java.nio.file.Path> files) {
        String boundary = "----seedplan" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> f : fields.entrySet()) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n" + f.getValue() + "\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            for (java.nio.file.Path p : files) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + p.getFileName()
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.write(java.nio.file.Files.readAllBytes(p));
                out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).header("Content-Type", "multipart/form-data; boundary=" + boundary);
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (csrf != null && sendCsrf) {
            b.header("X-CSRF-Token", csrf);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a request with extra headers. */
    public Answer send(String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (csrf != null && sendCsrf && !method.equals("GET")) {
            b.header("X-CSRF-Token", csrf);
        }
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            r.headers().firstValue("Set-Cookie").ifPresent(c -> cookie = c.substring(0, c.indexOf(';')));
            Answer a = new Answer(r.statusCode(), r.body(), r);
            if (path.startsWith("/api/session") && r.statusCode() == 200 && !method.equals("GET")) {
                csrf = a.json().get("csrfToken").asText();
            }
            return a;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
