package dev.vigil.kit.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;

/**
 * A client of the Confluent Schema Registry REST API (also served by Apicurio Registry under
 * {@code /apis/ccompat/v7} and by Karapace): register, look up, and fetch schemas by id.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http;
    private final String authorization;

    /**
     * @param baseUrl registry URL, e.g. http://127.0.0.1:8081 or http://host/apis/ccompat/v7
     * @param basicAuthUserInfo {@code user:password}, or null for none
     * @param sslContext TLS context for https URLs (trust store), or null for the JVM default
     */
    public RestSchemaRegistryClient(String baseUrl, String basicAuthUserInfo, SSLContext sslContext) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.http = builder.build();
        this.authorization = basicAuthUserInfo == null || basicAuthUserInfo.isBlank() ? null
                : "Basic " + Base64.getEncoder().encodeToString(basicAuthUserInfo.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int register(String subject, Schema schema) {
        JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", body(schema),
                "register a schema under subject \"" + subject + "\"");
        return answer.path("id").asInt();
    }

    @Override
    public int lookup(String subject, Schema schema) {
        JsonNode answer = send("POST", "/subjects/" + encode(subject), body(schema),
                "look up a schema under subject \"" + subject + "\"");
        return answer.path("id").asInt();
    }

    @Override
    public Schema schemaById(int id) {
        JsonNode answer = send("GET", "/schemas/ids/" + id, null, "fetch schema id " + id);
        return new Schema.Parser().parse(answer.path("schema").asText());
    }

    private static String body(Schema schema) {
        try {
            return JSON.writeValueAsString(Map.of("schema", schema.toString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode send(String method, String path, String body, String what) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", CONTENT_TYPE + ", application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SchemaRegistryException("Cannot " + what + ": registry " + baseUrl + " unreachable (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Interrupted while trying to " + what, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new SchemaRegistryException("Cannot " + what + ": registry " + baseUrl + " answered HTTP "
                    + response.statusCode() + " " + abbreviate(response.body()), response.statusCode());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SchemaRegistryException("Cannot " + what + ": registry answered with invalid JSON", e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
