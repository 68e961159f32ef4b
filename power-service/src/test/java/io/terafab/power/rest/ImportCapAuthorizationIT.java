package io.terafab.power.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.terafab.testing.kafka.KafkaBrokerTestResource;
import io.terafab.testing.kafka.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code PUT /grid/import-cap}, the write that curtails the whole campus: refused without a valid
 * operator token (and the cap unchanged), applied with one. Every write of every service is under the
 * same rule (twin-platform's {@code META-INF/microprofile-config.properties}).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = true)
class ImportCapAuthorizationIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/grid/import-cap")
    URI importCap;

    @TestHTTPResource("/grid")
    URI grid;

    @Test
    void aWriteWithoutAValidOperatorTokenIsRefusedAndChangesNothing() throws Exception {
        double before = importCapMw();
        Instant inAnHour = Instant.now().plus(Duration.ofHours(1));

        assertThat(put(null, "{\"capMw\": 1}").statusCode()).as("no token").isEqualTo(401);
        assertThat(put(
                                TestTokens.token(
                                        "operator",
                                        TestTokens.ISSUER,
                                        Instant.now().minusSeconds(120),
                                        TestTokens.signingKey()),
                                "{\"capMw\": 1}")
                        .statusCode())
                .as("expired")
                .isEqualTo(401);
        assertThat(put(
                                TestTokens.token("operator", TestTokens.ISSUER, inAnHour, TestTokens.strangerKey()),
                                "{\"capMw\": 1}")
                        .statusCode())
                .as("signed by another key")
                .isEqualTo(401);
        assertThat(put(
                                TestTokens.token(
                                        "operator", "https://elsewhere.example", inAnHour, TestTokens.signingKey()),
                                "{\"capMw\": 1}")
                        .statusCode())
                .as("another issuer")
                .isEqualTo(401);
        assertThat(put("not-a-jwt", "{\"capMw\": 1}").statusCode())
                .as("garbage")
                .isEqualTo(401);
        assertThat(put(TestTokens.token("viewer"), "{\"capMw\": 1}").statusCode())
                .as("a viewer")
                .isEqualTo(403);

        assertThat(importCapMw()).as("the import cap after the refusals").isEqualTo(before);
    }

    @Test
    void anOperatorsWriteIsAppliedAndReadsNeedNoToken() throws Exception {
        HttpResponse<String> applied = put(TestTokens.token("operator"), "{\"capMw\": 123}");

        assertThat(applied.statusCode()).isEqualTo(200);
        assertThat(applied.body()).contains("\"importCapMw\":123.0");
        assertThat(importCapMw()).as("read without a token").isEqualTo(123.0);
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeTheResourceSeesIt() throws Exception {
        String huge = "{\"capMw\": 1, \"pad\": \"" + "x".repeat(100 * 1024) + "\"}";

        // Expect: 100-continue, so the service answers from the declared length before the body is sent
        HttpResponse<String> refused = HTTP.send(
                HttpRequest.newBuilder(importCap)
                        .expectContinue(true)
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + TestTokens.token("operator"))
                        .PUT(HttpRequest.BodyPublishers.ofString(huge))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(413);
    }

    private HttpResponse<String> put(String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(importCap)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET /grid without a token: reads are open. */
    private double importCapMw() throws IOException, InterruptedException {
        HttpResponse<String> view =
                HTTP.send(HttpRequest.newBuilder(grid).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(view.statusCode()).as("GET /grid without a token").isEqualTo(200);
        Matcher cap = Pattern.compile("\"importCapMw\":([0-9.]+)").matcher(view.body());
        assertThat(cap.find()).as("importCapMw in %s", view.body()).isTrue();
        return Double.parseDouble(cap.group(1));
    }
}
