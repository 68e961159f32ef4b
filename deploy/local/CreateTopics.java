import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the twin's topics listed in topics.txt that do not exist yet, in one JVM (Kafka's own
 * kafka-topics tool takes a JVM start per topic). Run by deploy/twin:
 * {@code java -cp 'kafka-runtime/target/lib/*' CreateTopics.java ADMIN_CLIENT_PROPERTIES topics.txt}
 * (the broker's super-user: no other principal may create topics).
 */
public class CreateTopics {

    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        try (var in = Files.newBufferedReader(Path.of(args[0]))) {
            props.load(in);
        }
        List<NewTopic> wanted = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            String[] f = line.trim().split("\\s+");
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Map<String, String> configs = f[2].equals("compact")
                    // a compacted topic is cleaned only in closed segments (1 GiB by default): the state
                    // topics, written at each snapshot, close one every 64 MiB so compaction keeps them small
                    ? Map.of("cleanup.policy", f[2], "max.message.bytes", "16777216", "segment.bytes", "67108864")
                    : Map.of("cleanup.policy", f[2], "max.message.bytes", "16777216");
            wanted.add(new NewTopic(f[0], Integer.parseInt(f[1]), (short) 1).configs(configs));
        }
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            System.out.printf("topics: %d created, %d already there%n", missing.size(), wanted.size() - missing.size());
        }
    }
}
