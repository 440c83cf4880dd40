package org.jiesu;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the JSON API, so journey tests go through the real server, security and all. */
public final class Api {

    public static final String PASSWORD = "jiesu-demo";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String password;

    public Api(int port) {
        this(port, PASSWORD);
    }

    /** A client that signs in with another password than the demo one: a wrong one, say. */
    public Api(int port, String password) {
        this.base = "http://localhost:" + port;
        this.password = password;
    }

    public record Response(int status, String contentType, JsonNode body, HttpHeaders headers) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public long id() {
            return body.get("id").asLong();
        }

        public String text(String field) {
            return body.path(field).asString();
        }

        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }
    }

    public Response get(String path, String user) {
        return send(builder(path, user).GET());
    }

    /** A page as HTML, for checks that a page shows something; HTTP Basic signs in like the form would. */
    public String page(String path, String user) {
        try {
            HttpResponse<String> r = http.send(
                    builder(path, user).setHeader("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response post(String path, String user, String json) {
        return send(builder(path, user)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json, StandardCharsets.UTF_8)));
    }

    /** A POST with extra headers, such as {@code Idempotency-Key}. */
    public Response post(String path, String user, String json, Map<String, String> headers) {
        HttpRequest.Builder b = builder(path, user)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        return send(b);
    }

    public Response put(String path, String user, String json) {
        return send(builder(path, user)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json == null ? "" : json, StandardCharsets.UTF_8)));
    }

    /** Posts bytes (a file, say) with the given content type. */
    public Response postBytes(String path, String user, String contentType, byte[] body) {
        return send(builder(path, user)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Puts bytes (a file, say) with the given content type. */
    public Response putBytes(String path, String user, String contentType, byte[] body) {
        return send(builder(path, user)
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Posts plain text (a CSV file, say) with the given content type. */
    public Response postText(String path, String user, String contentType, String text) {
        return send(builder(path, user)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)));
    }

    /** The body as text, for answers that are not JSON (a CSV export). */
    public String getText(String path, String user) {
        HttpRequest request =
                builder(path, user).header("Accept", "text/csv").GET().build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** JSON from key-value pairs; values are written as JSON (strings quoted, null as null). */
    public static String json(Object... pairs) {
        var node = JSON.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            node.set((String) pairs[i], JSON.valueToTree(pairs[i + 1]));
        }
        return JSON.writeValueAsString(node);
    }

    private HttpRequest.Builder builder(String path, String user) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
        if (user != null) {
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            b.header("Authorization", "Basic " + token);
        }
        return b;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String body = r.body();
            JsonNode json = body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
            return new Response(
                    r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), json, r.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
