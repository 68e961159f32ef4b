package io.terafab.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.terafab.testing.contract.RepositoryRoot;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The services' memory settings (each within 250 MB resident) are the same on every path that runs
 * them: the local run ({@code deploy/twin}'s {@code service_jvm}), the tests ({@link ServiceProcess}),
 * Docker Compose and Kubernetes (the images' {@code JAVA_OPTS} and {@code GC_CONTAINER_OPTIONS}),
 * each with two malloc arenas.
 */
class ServiceMemorySettingsTest {

    private static final Path ROOT = RepositoryRoot.find();
    private static final List<String> SERVICES =
            List.of("fab-service", "chip-service", "power-service", "scheduler-service");

    @Test
    void theLocalRunStartsTheServicesWithTheTestsSettings() throws IOException {
        String script = Files.readString(ROOT.resolve("deploy/twin"));
        Matcher echo = Pattern.compile("\nservice_jvm\\(\\) \\{.*?\n  echo \"([^\"]*)\"\n\\}", Pattern.DOTALL)
                .matcher(script);
        assertThat(echo.find()).as("service_jvm in deploy/twin").isTrue();
        // TWIN_HEAP unset: the default heap cap
        String options = echo.group(1).replace("${HEAP:-80m}", "80m");
        assertThat(words(options)).containsExactlyElementsOf(ServiceProcess.MEMORY_OPTIONS);
        assertThat(script).contains("MALLOC_ARENA_MAX=2 LAUNCH_DIR=$app launch \"$s\"");
    }

    @Test
    void composeGivesEveryServiceTheTestsSettings() throws IOException {
        Map<String, Map<String, Object>> services;
        try (Reader in = Files.newBufferedReader(ROOT.resolve("deploy/docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(in);
            services = cast(compose.get("services"));
        }
        for (String name : SERVICES) {
            Map<String, Object> environment = cast(services.get(name).get("environment"));
            assertThat(imageOptions(
                            String.valueOf(environment.get("JAVA_OPTS")),
                            String.valueOf(environment.get("GC_CONTAINER_OPTIONS"))))
                    .as("JAVA_OPTS and GC_CONTAINER_OPTIONS of %s", name)
                    .containsExactlyInAnyOrderElementsOf(ServiceProcess.MEMORY_OPTIONS);
            assertThat(environment.get("MALLOC_ARENA_MAX")).as(name).hasToString("2");
        }
    }

    @Test
    void kubernetesGivesEveryServiceTheTestsSettings() throws IOException {
        Map<String, Object> kustomization;
        try (Reader in = Files.newBufferedReader(ROOT.resolve("deploy/kubernetes/kustomization.yaml"))) {
            kustomization = new Yaml().load(in);
        }
        List<Map<String, Object>> generators = cast(kustomization.get("configMapGenerator"));
        Map<String, Object> config = generators.stream()
                .filter(g -> "twin-service-config".equals(g.get("name")))
                .findFirst()
                .orElseThrow();
        List<String> literals = cast(config.get("literals"));
        Map<String, String> env = new java.util.LinkedHashMap<>();
        for (String literal : literals) {
            int eq = literal.indexOf('=');
            env.put(literal.substring(0, eq), literal.substring(eq + 1));
        }
        List<String> options = imageOptions(env.get("JAVA_OPTS"), env.get("GC_CONTAINER_OPTIONS"));
        // thread pools sized for the 2 processors the resources were measured on: Kubernetes only
        assertThat(options).contains("-XX:ActiveProcessorCount=2");
        options.remove("-XX:ActiveProcessorCount=2");
        assertThat(options).containsExactlyInAnyOrderElementsOf(ServiceProcess.MEMORY_OPTIONS);
        assertThat(env).containsEntry("MALLOC_ARENA_MAX", "2");
    }

    /** What the image's run-java.sh passes to the JVM of these two variables. */
    private static List<String> imageOptions(String javaOpts, String gcOptions) {
        List<String> options = new ArrayList<>(words(javaOpts));
        options.addAll(words(gcOptions));
        return options;
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.strip().split("\\s+"))
                .filter(w -> !w.isEmpty())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
