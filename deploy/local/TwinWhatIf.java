import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code deploy/twin what-if FILE [--html OUT]}: posts a what-if scenario (JSON, or YAML for a file
 * ending in .yaml or .yml; the Kafka libraries deploy/twin runs this with carry Jackson's YAML) to
 * fab-service's {@code POST /fab/what-if} with the operator's token (environment {@code TWIN_TOKEN}),
 * prints the result as a table, and with {@code --html} writes the page with its charts. One run of the
 * what-if serves both: the page carries its result as a JSON data block, which the table is read from.
 *
 * <p>Run by deploy/twin: {@code java -cp 'deploy/kafka-runtime/target/lib/*' deploy/local/TwinWhatIf.java
 * --url http://127.0.0.1:8081 FILE [--html OUT]}.
 */
public class TwinWhatIf {

    private static final String DATA_BLOCK = "<script type=\"application/json\" id=\"what-if-result\">";

    public static void main(String[] args) throws Exception {
        String url = null;
        String file = null;
        String html = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = value(args, ++i, "--url");
                case "--html" -> html = value(args, ++i, "--html");
                default -> {
                    if (args[i].startsWith("--") || file != null) {
                        fail("usage: deploy/twin what-if FILE [--html OUT]");
                    }
                    file = args[i];
                }
            }
        }
        if (url == null || file == null) {
            fail("usage: deploy/twin what-if FILE [--html OUT]");
        }
        String token = System.getenv("TWIN_TOKEN");
        if (token == null || token.isBlank()) {
            fail("no operator token (TWIN_TOKEN): run it through deploy/twin what-if");
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode scenario = read(Path.of(file), json);
        HttpResponse<String> response = null;
        try {
            response = post(url, token, json.writeValueAsString(scenario));
        } catch (IOException e) {
            fail("fab-service does not answer at " + url + " (" + e + "); is the twin up? (deploy/twin up -d)");
        }
        if (response.statusCode() != 200) {
            fail("fab-service answered " + response.statusCode() + ": " + response.body());
        }
        String page = response.body();
        int from = page.indexOf(DATA_BLOCK);
        int to = page.indexOf("</script>", from);
        if (from < 0 || to < 0) {
            fail("the answer carries no what-if result");
        }
        JsonNode result = json.readTree(page.substring(from + DATA_BLOCK.length(), to).replace("<\\/", "</"));
        print(result, System.out);
        if (html != null) {
            Files.writeString(Path.of(html), page, StandardCharsets.UTF_8);
            System.out.println("chart: " + Path.of(html).toAbsolutePath());
        }
    }

    private static HttpResponse<String> post(String url, String token, String body)
            throws IOException, InterruptedException {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(url + "/fab/what-if"))
                                .timeout(Duration.ofMinutes(15))
                                .header("Content-Type", "application/json")
                                .header("Accept", "text/html")
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode read(Path file, ObjectMapper json) throws IOException {
        try {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml")
                    ? new ObjectMapper(new YAMLFactory())
                    : json;
            JsonNode node = mapper.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                fail(file + " holds no scenario object ({\"horizonDays\":…, \"changes\":[…]})");
            }
            return node;
        } catch (NoSuchFileException e) {
            fail("no file " + file);
            return null;
        } catch (IOException e) {
            fail(file + " is not a readable scenario: " + e.getMessage());
            return null;
        }
    }

    /** Per week and in total: wafers out and energy, baseline and scenario P50, and the paired difference's P10 / P50 / P90. */
    static void print(JsonNode r, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "what-if from %s: %d days, %d paired replications (seed %d)%n",
                r.path("from").asText(),
                r.path("horizonDays").asInt(),
                r.path("replications").asInt(),
                r.path("seed").asLong());
        out.printf(
                Locale.ROOT,
                "%-6s %12s %12s %26s %12s %12s %26s%n",
                "week",
                "wafers base",
                "scenario",
                "difference P10/P50/P90",
                "MWh base",
                "scenario",
                "difference P10/P50/P90");
        for (JsonNode w : r.path("weeks")) {
            row(out, String.valueOf(w.path("week").asInt()), w);
        }
        row(out, "total", r.path("total"));
        out.printf(
                Locale.ROOT,
                "ran in %.1f s wall, %.1f s CPU: %.0f times faster than real time%n",
                r.path("wallSeconds").asDouble(),
                r.path("cpuSeconds").asDouble(),
                r.path("speedUp").asDouble());
    }

    private static void row(PrintStream out, String label, JsonNode period) {
        JsonNode wafers = period.path("wafersOut");
        JsonNode energy = period.path("energyKwh");
        out.printf(
                Locale.ROOT,
                "%-6s %12.0f %12.0f %26s %12.0f %12.0f %26s%n",
                label,
                wafers.path("baseline").path("p50").asDouble(),
                wafers.path("scenario").path("p50").asDouble(),
                spread(wafers.path("difference"), 1),
                energy.path("baseline").path("p50").asDouble() / 1000,
                energy.path("scenario").path("p50").asDouble() / 1000,
                spread(energy.path("difference"), 1000));
    }

    private static String spread(JsonNode band, double divisor) {
        return String.format(
                Locale.ROOT,
                "%.0f / %.0f / %.0f",
                band.path("p10").asDouble() / divisor,
                band.path("p50").asDouble() / divisor,
                band.path("p90").asDouble() / divisor);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            fail(option + " needs a value");
        }
        return args[i];
    }

    private static void fail(String message) {
        System.err.println("twin what-if: " + message);
        System.exit(1);
    }
}
