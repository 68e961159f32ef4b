package io.terafab.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import io.terafab.testing.contract.AsyncApiContract;
import io.terafab.testing.contract.AsyncApiSchemaFormat;
import io.terafab.testing.contract.ContractChannel;
import io.terafab.testing.contract.ContractMessage;
import io.terafab.testing.contract.ContractOperation;
import io.terafab.testing.contract.RepositoryRoot;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The AsyncAPI document is a valid AsyncAPI 3.0.0 document and describes exactly the twin's
 * topics: those named in {@link Topics}, created by the local run ({@code deploy/local/topics.txt})
 * and configured in the services, with the partitions, cleanup policies, producers and consumers
 * they really have.
 */
class AsyncApiDocumentTest {

    private static final Path ROOT = RepositoryRoot.find();
    private static final AsyncApiContract CONTRACT = AsyncApiContract.load();
    private static final String DLQ = ".dlq";
    private static final String STATE = ".state";

    /** {@code topics.txt}: topic, partitions, cleanup policy. */
    private record LocalTopic(String name, int partitions, String cleanupPolicy) {}

    private static Map<String, LocalTopic> localTopics() throws IOException {
        Map<String, LocalTopic> topics = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("deploy/local/topics.txt"))) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            topics.put(fields[0], new LocalTopic(fields[0], Integer.parseInt(fields[1]), fields[2]));
        }
        return topics;
    }

    private static Set<String> namedTopics() throws IllegalAccessException {
        Set<String> names = new TreeSet<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                names.add((String) field.get(null));
            }
        }
        return names;
    }

    private static Set<String> addresses() {
        return CONTRACT.channels().stream()
                .map(ContractChannel::address)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Schema officialAsyncApi300Schema() throws IOException {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/asyncapi/asyncapi-3.0.0.schema.json")) {
            return SchemaRegistry.withDefaultDialect(AsyncApiSchemaFormat.dialect())
                    .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
        }
    }

    @Test
    void isAnAsyncApi300DocumentThatTheOfficialSchemaAccepts() throws IOException {
        assertThat(CONTRACT.document().path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(officialAsyncApi300Schema().validate(CONTRACT.document())).isEmpty();
    }

    @Test
    void theOfficialSchemaRefusesAMisspelledFieldAndAnUnknownAction() throws IOException {
        ObjectNode broken = (ObjectNode) CONTRACT.document();
        ObjectNode channel = (ObjectNode) broken.path("channels").path("waferOuts");
        channel.set("adress", channel.remove("address"));
        ((ObjectNode) broken.path("operations").path("fabServiceSendsWaferOuts")).put("action", "publish");

        assertThat(officialAsyncApi300Schema().validate(broken))
                .anySatisfy(e -> assertThat(e.toString()).contains("adress"))
                .anySatisfy(e -> assertThat(e.toString()).contains("/operations/fabServiceSendsWaferOuts/action"));
    }

    @Test
    void aReferenceThatLeadsNowhereFailsTheLoad() throws IOException {
        String text = Files.readString(ROOT.resolve(AsyncApiContract.DOCUMENT));
        String broken = text.replace(
                "$ref: '#/components/schemas/WaferOutRecorded'", "$ref: '#/components/schemas/WaferOutRecord'");
        assertThat(broken).isNotEqualTo(text);

        assertThatThrownBy(() -> AsyncApiContract.parse(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("#/components/schemas/WaferOutRecord");
    }

    @Test
    void everyChannelOperationAndMessageReferenceLeadsToItsKindOfObject() {
        for (ContractOperation operation : CONTRACT.operations()) {
            assertThat(operation.action()).as(operation.id()).isIn(ContractOperation.SEND, ContractOperation.RECEIVE);
            assertThat(CONTRACT.channel(operation.topic()))
                    .as("channel of %s", operation.id())
                    .isPresent();
            assertThat(operation.messages())
                    .as("messages of %s", operation.id())
                    .isNotEmpty();
            assertThat(operation.party()).as("tag of %s", operation.id()).isNotBlank();
        }
        for (ContractMessage message : CONTRACT.messages()) {
            assertThat(message.pointer()).as(message.name()).startsWith("/components/messages/");
            assertThat(CONTRACT.document().at(message.pointer() + "/payload").isMissingNode())
                    .as(message.name())
                    .isFalse();
        }
    }

    /** AsyncAPI 3: an operation's messages are messages of the channel it references. */
    @Test
    void operationsNameOnlyMessagesOfTheirChannel() {
        List<String> strays = new ArrayList<>();
        CONTRACT.document().path("operations").properties().forEach(entry -> {
            String channel = entry.getValue().path("channel").path("$ref").asText();
            for (JsonNode message : entry.getValue().path("messages")) {
                if (!message.path("$ref").asText().startsWith(channel + "/messages/")) {
                    strays.add(entry.getKey() + " -> " + message.path("$ref").asText());
                }
            }
        });
        assertThat(strays).isEmpty();
    }

    @Test
    void everyTopicOfTheLocalRunHasAChannelAndEveryChannelIsATopicOfTheLocalRun() throws IOException {
        assertThat(addresses())
                .containsExactlyInAnyOrderElementsOf(localTopics().keySet());
    }

    @Test
    void everyTopicNamedInTheContractCodeHasAChannelAndEveryEventChannelIsNamedThere() throws Exception {
        Set<String> named = namedTopics();
        Set<String> eventChannels = addresses().stream()
                .filter(a -> !a.endsWith(DLQ) && !a.endsWith(STATE))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(eventChannels).containsExactlyInAnyOrderElementsOf(named);
        for (String address : addresses()) {
            if (address.endsWith(DLQ)) {
                String input = address.substring(0, address.length() - DLQ.length());
                assertThat(named)
                        .as("%s is the dead-letter topic of a twin topic", address)
                        .contains(input);
                assertThat(Topics.deadLetters(input)).isEqualTo(address);
            }
        }
    }

    @Test
    void partitionsAndCleanupPolicyAreThoseOfTheLocalRun() throws IOException {
        for (LocalTopic topic : localTopics().values()) {
            ContractChannel channel = CONTRACT.channel(topic.name()).orElseThrow();
            assertThat(channel.partitions())
                    .as("partitions of %s", topic.name())
                    .isEqualTo(topic.partitions());
            assertThat(channel.cleanupPolicy())
                    .as("cleanup.policy of %s", topic.name())
                    .containsExactly(topic.cleanupPolicy());
        }
    }

    /**
     * The operations tagged with a service are what its configuration says: it receives its
     * incoming channels' topics and sends its outgoing ones, sends rejected inputs to their
     * {@code .dlq}, and writes and reads its own {@code <service>.state}.
     */
    @Test
    void operationsOfEachServiceAreWhatItsChannelsAreConfiguredToDo() {
        List<ServiceSettings> services = ServiceSettings.of(ROOT);
        assertThat(services)
                .extracting(ServiceSettings::name)
                .contains("fab-service", "chip-service", "power-service", "scheduler-service");
        for (ServiceSettings service : services) {
            Set<String> receives = new TreeSet<>(service.reads());
            Set<String> sends = new TreeSet<>(service.writes());
            service.reads().forEach(topic -> sends.add(Topics.deadLetters(topic)));
            if (service.usesChannels() && service.keepsState()) {
                receives.add(Topics.state(service.name()));
                sends.add(Topics.state(service.name()));
            }
            assertThat(topicsOf(service.name(), ContractOperation.RECEIVE))
                    .as("%s receives", service.name())
                    .containsExactlyInAnyOrderElementsOf(receives);
            assertThat(topicsOf(service.name(), ContractOperation.SEND))
                    .as("%s sends", service.name())
                    .containsExactlyInAnyOrderElementsOf(sends);
        }
        Set<String> parties =
                CONTRACT.operations().stream().map(ContractOperation::party).collect(Collectors.toSet());
        Set<String> known = services.stream().map(ServiceSettings::name).collect(Collectors.toCollection(TreeSet::new));
        known.add("integrators");
        assertThat(known).containsAll(parties);
    }

    private static Set<String> topicsOf(String party, String action) {
        return CONTRACT.operations().stream()
                .filter(o -> o.party().equals(party) && o.action().equals(action))
                .map(ContractOperation::topic)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyChannelHasAWriterEveryEventChannelAReaderAndIntegratorsSeeTheirRejections() {
        Set<String> sent = CONTRACT.operations().stream()
                .filter(ContractOperation::sends)
                .map(ContractOperation::topic)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> received = CONTRACT.operations().stream()
                .filter(ContractOperation::receives)
                .map(ContractOperation::topic)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(sent).containsExactlyInAnyOrderElementsOf(addresses());
        assertThat(received)
                .containsAll(addresses().stream().filter(a -> !a.endsWith(DLQ)).toList());
        for (String topic : topicsOf("integrators", ContractOperation.SEND)) {
            assertThat(topicsOf("integrators", ContractOperation.RECEIVE)).contains(Topics.deadLetters(topic));
        }
    }

    @Test
    void everyEventTypeIsCarriedByExactlyOneMessage() throws IllegalAccessException {
        Set<String> types = new TreeSet<>();
        for (Field field : EventTypes.class.getFields()) {
            types.add((String) field.get(null));
        }
        Map<String, Long> messagesByType = CONTRACT.messages().stream()
                .filter(m -> m.type() != null)
                .collect(Collectors.groupingBy(ContractMessage::type, Collectors.counting()));

        assertThat(messagesByType.keySet()).containsExactlyInAnyOrderElementsOf(types);
        assertThat(messagesByType)
                .allSatisfy((type, count) -> assertThat(count).as(type).isEqualTo(1L));
        assertThat(EventTypes.class.getFields())
                .as("no two EventTypes constants are the same type")
                .hasSameSizeAs(types);
    }
}
