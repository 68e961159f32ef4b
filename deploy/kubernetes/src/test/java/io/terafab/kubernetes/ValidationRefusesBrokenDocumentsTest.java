package io.terafab.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The validation refuses what a cluster would refuse, or silently drop: each case breaks one field
 * of a rendered document that passes, and the validation must name that field.
 */
class ValidationRefusesBrokenDocumentsTest {

    private static List<ObjectNode> rendered;
    private static ManifestSchemas schemas;

    @BeforeAll
    static void renderAndLoad() {
        rendered = Manifests.render(Manifests.folder());
        schemas = ManifestSchemas.shared();
    }

    private static ObjectNode copy(String kind, String name) {
        return Manifests.named(rendered, kind, name).deepCopy();
    }

    private static ObjectNode container(ObjectNode statefulSet) {
        return (ObjectNode) statefulSet
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .path(0);
    }

    @Test
    void theDocumentsBrokenBelowPassAsRendered() {
        assertThat(schemas.problems(List.of(
                        copy("KafkaTopic", "fab.wafer-outs"),
                        copy("KafkaUser", "fab-service"),
                        copy("StatefulSet", "fab-service"),
                        copy("Service", "fab-service"))))
                .isEmpty();
    }

    @Test
    void aTopicWhosePartitionsAreAWordIsRefused() {
        ObjectNode topic = copy("KafkaTopic", "fab.wafer-outs");
        ((ObjectNode) topic.path("spec")).put("partitions", "three");

        assertThat(schemas.problems(topic)).anySatisfy(p -> assertThat(p).contains("partitions"));
    }

    @Test
    void aTopicWithAMisspelledFieldIsRefused() {
        ObjectNode topic = copy("KafkaTopic", "fab.wafer-outs");
        ObjectNode spec = (ObjectNode) topic.path("spec");
        spec.set("partitons", spec.remove("partitions"));

        assertThat(schemas.problems(topic)).anySatisfy(p -> assertThat(p).contains("partitons"));
    }

    @Test
    void anAclWithAnOperationKafkaDoesNotHaveIsRefused() {
        ObjectNode user = copy("KafkaUser", "fab-service");
        ObjectNode acl = (ObjectNode)
                user.path("spec").path("authorization").path("acls").path(0);
        acl.putArray("operations").add("Reed");

        assertThat(schemas.problems(user)).anySatisfy(p -> assertThat(p).contains("operations"));
    }

    @Test
    void aProbeWithoutAPortIsRefused() {
        ObjectNode statefulSet = copy("StatefulSet", "fab-service");
        ((ObjectNode) container(statefulSet).path("livenessProbe").path("httpGet")).remove("port");

        assertThat(schemas.problems(statefulSet))
                .anySatisfy(p -> assertThat(p).contains("livenessProbe/httpGet").contains("port"));
    }

    @Test
    void aContainerWithAMisspelledFieldIsRefused() {
        ObjectNode statefulSet = copy("StatefulSet", "fab-service");
        container(statefulSet).put("readinesProbe", "misspelled");

        assertThat(schemas.problems(statefulSet)).anySatisfy(p -> assertThat(p).contains("readinesProbe"));
    }

    @Test
    void aServicePortThatIsAWordIsRefused() {
        ObjectNode service = copy("Service", "fab-service");
        ((ObjectNode) service.path("spec").path("ports").path(0)).put("port", "eighty");

        assertThat(schemas.problems(service)).anySatisfy(p -> assertThat(p).contains("/spec/ports/0/port"));
    }

    @Test
    void aKindWithoutAPublishedSchemaIsRefused() {
        ObjectNode podMonitor = Manifests.parse("""
                apiVersion: monitoring.coreos.com/v1
                kind: PodMonitor
                metadata:
                  name: fab-service
                spec:
                  podMetricsEndpoints:
                    - port: http
                """).get(0);

        assertThat(schemas.problems(podMonitor))
                .anySatisfy(p -> assertThat(p).contains("monitoring.coreos.com/v1/PodMonitor"));
    }
}
