import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The local run's logins, run by deploy/twin with the Kafka client of deploy/kafka-runtime:
 * <pre>
 *   password                                     a fresh random password
 *   principal SECRETS NAME service|integrator    NAME's SCRAM login (once) and the ACLs of acls.txt;
 *                                                writes SECRETS/NAME.properties (Kafka client properties)
 *   keys SECRETS                                 the REST tokens' RSA signing key, once
 *   token SECRETS ROLE [HOURS] [SUBJECT]         prints a bearer token with that role (groups claim)
 * </pre>
 * SECRETS holds admin.properties (the super-user's client properties, written by deploy/twin).
 */
public class TwinAccess {

    static final String ISSUER = "urn:terafab:twin";

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "password" -> System.out.println(password());
            case "principal" -> principal(Path.of(args[1]), args[2], args[3], Path.of(args[4]));
            case "keys" -> keys(Path.of(args[1]));
            case "token" -> System.out.println(token(Path.of(args[1]), args[2],
                    Duration.ofHours(args.length > 3 ? Long.parseLong(args[3]) : 8), args.length > 4 ? args[4] : "operator-cli"));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    static String password() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static void principal(Path secrets, String name, String kind, Path aclsFile) throws Exception {
        Properties admin = load(secrets.resolve("admin.properties"));
        Path file = secrets.resolve(name + ".properties");
        try (Admin client = Admin.create(admin)) {
            if (!Files.exists(file)) {
                String password = password();
                client.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(name,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get(30, TimeUnit.SECONDS);
                writePrivate(file, """
                        # Kafka client properties of %s on the local twin's broker (SCRAM-SHA-512 over loopback, no TLS)
                        bootstrap.servers=%s
                        security.protocol=SASL_PLAINTEXT
                        sasl.mechanism=SCRAM-SHA-512
                        sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="%s" password="%s";
                        """.formatted(name, admin.getProperty("bootstrap.servers"), name, password));
            }
            List<AclBinding> acls = acls(aclsFile, name, kind);
            client.createAcls(acls).all().get(30, TimeUnit.SECONDS);
            System.out.printf("principal %s: %d ACLs, client properties in %s%n", name, acls.size(), file);
        }
    }

    /** NAME's lines of acls.txt, and those of its template ({@code @service} or {@code @integrator}) with NAME filled in. */
    static List<AclBinding> acls(Path aclsFile, String name, String kind) throws IOException {
        List<AclBinding> acls = new ArrayList<>();
        for (String line : Files.readAllLines(aclsFile)) {
            String[] f = line.trim().split("\\s+");
            if (line.isBlank() || line.startsWith("#") || !(f[0].equals(name) || f[0].equals("@" + kind))) {
                continue;
            }
            String resource = f[3].replace("@" + kind, name);
            ResourcePattern pattern = f[2].equals("group-prefixed")
                    ? new ResourcePattern(ResourceType.GROUP, resource, PatternType.PREFIXED)
                    : new ResourcePattern(ResourceType.TOPIC, resource, PatternType.LITERAL);
            acls.add(new AclBinding(pattern, new AccessControlEntry("User:" + name, "*",
                    AclOperation.valueOf(f[1]), AclPermissionType.ALLOW)));
        }
        return acls;
    }

    static void keys(Path secrets) throws Exception {
        Path signing = secrets.resolve("jwt-signing-key.pem");
        if (Files.exists(signing)) {
            return;
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        writePrivate(signing, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(secrets.resolve("jwt-verify-key.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        System.out.println("REST token keys made in " + secrets);
    }

    /** An RS256 JWT as the services verify it: issuer, expiry, and the role as its groups claim. */
    static String token(Path secrets, String role, Duration validity, String subject) throws Exception {
        String pem = Files.readString(secrets.resolve("jwt-signing-key.pem"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        var key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"%s\",\"sub\":\"%s\",\"upn\":\"%s\",\"groups\":[\"%s\"],\"iat\":%d,\"exp\":%d,\"jti\":\"%s\"}"
                .formatted(ISSUER, subject, subject, role, now, now + validity.toSeconds(), UUID.randomUUID());
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String signed = url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(key);
        rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + url.encodeToString(rs256.sign());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        return p;
    }

    /** Readable by this user only: a password or a signing key. */
    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }
}
