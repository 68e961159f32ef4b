package io.terafab.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.terafab.testing.contract.RepositoryRoot;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The local run's ACLs (deploy/local/acls.txt) give each service exactly what the tests' broker gives
 * it ({@link KafkaAccess}, read from its application.properties), and an integrator exactly an
 * integrator's rights: one plan, proven on the tests' broker, is the one {@code deploy/twin up} applies.
 */
class LocalRunAclsTest {

    private static final Path ROOT = RepositoryRoot.find();

    @ParameterizedTest
    @ValueSource(strings = {"fab-service", "chip-service", "power-service", "scheduler-service"})
    void aServiceMayDoOnTheLocalBrokerWhatItMayDoOnTheTestBroker(String service) throws IOException {
        Properties file = new Properties();
        try (Reader in =
                Files.newBufferedReader(ROOT.resolve(service + "/src/main/resources/application.properties"))) {
            file.load(in);
        }
        KafkaAccess access = KafkaAccess.of(KafkaAccess.resolve(file, "prod"));

        assertThat(localGrants(service, "service")).isEqualTo(asLocal(access.grants(), service));
    }

    @Test
    void anIntegratorMayDoOnTheLocalBrokerWhatItMayDoOnTheTestBroker() throws IOException {
        KafkaAccess access = KafkaAccess.of(Map.of("quarkus.application.name", "acme-sensors"));

        assertThat(localGrants("acme-sensors", "integrator")).isEqualTo(asLocal(access.grants(), "acme-sensors"));
    }

    /** The lines of acls.txt for NAME, its template filled in: "OPERATION resource name". */
    private static Set<String> localGrants(String name, String kind) throws IOException {
        Set<String> grants = new TreeSet<>();
        for (String line : Files.readAllLines(ROOT.resolve("deploy/local/acls.txt"))) {
            String[] f = line.trim().split("\\s+");
            if (!line.isBlank() && !line.startsWith("#") && (f[0].equals(name) || f[0].equals("@" + kind))) {
                grants.add(f[1] + " " + f[2] + " " + f[3].replace("@" + kind, name));
            }
        }
        return grants;
    }

    /** KafkaAccess's grants as acls.txt writes them; its literal group is covered by the prefixed one. */
    private static Set<String> asLocal(List<String> grants, String name) {
        Set<String> local = new TreeSet<>();
        for (String grant : grants) {
            String[] f = grant.split(" ", 4); // RESOURCE PATTERN OPERATION NAME
            if (f[0].equals("GROUP")) {
                if (f[1].equals("PREFIXED") || !f[3].startsWith(name)) {
                    local.add(f[2] + " group-prefixed " + f[3]);
                }
            } else {
                local.add(f[2] + " topic " + f[3]);
            }
        }
        return local;
    }
}
