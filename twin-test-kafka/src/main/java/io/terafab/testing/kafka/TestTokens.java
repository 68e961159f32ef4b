package io.terafab.testing.kafka;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * Bearer tokens for the services under test, signed (RS256) by a key made once per test JVM, as
 * {@code deploy/twin token} signs them for the local run. The key is kept in a system property so
 * that every class loader of the JVM (Quarkus restarts its own per test class) signs with the same one.
 */
public final class TestTokens {

    /** The issuer services under test accept ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "urn:terafab:twin-test";

    private static final String KEY_PROPERTY = "twin.test.jwt.signing-key";

    private TestTokens() {}

    /** What a service needs to verify the tokens of this JVM. */
    public static Map<String, String> verificationSettings() {
        try {
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) signingKey();
            byte[] publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()))
                    .getEncoded();
            return Map.of(
                    "mp.jwt.verify.publickey",
                    Base64.getEncoder().encodeToString(publicKey),
                    "mp.jwt.verify.issuer",
                    ISSUER);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token valid for an hour, with the given role. */
    public static String token(String role) {
        return token(role, ISSUER, Instant.now().plus(Duration.ofHours(1)), signingKey());
    }

    /** A token exactly as asked: another issuer, an expiry in the past, another key. */
    public static String token(String role, String issuer, Instant expiresAt, PrivateKey key) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims =
                "{\"iss\":\"%s\",\"sub\":\"tester\",\"upn\":\"tester\",\"groups\":[\"%s\"],\"iat\":%d,\"exp\":%d,\"jti\":\"%s\"}"
                        .formatted(
                                issuer,
                                role,
                                Math.min(now, expiresAt.getEpochSecond() - 60),
                                expiresAt.getEpochSecond(),
                                UUID.randomUUID());
        String signed =
                base64(header.getBytes(StandardCharsets.UTF_8)) + "." + base64(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + base64(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh key no service trusts. */
    public static PrivateKey strangerKey() {
        return newKeyPair().getPrivate();
    }

    /** The key this JVM's tokens are signed with. */
    public static synchronized PrivateKey signingKey() {
        String encoded = System.getProperty(KEY_PROPERTY);
        if (encoded == null) {
            encoded =
                    Base64.getEncoder().encodeToString(newKeyPair().getPrivate().getEncoded());
            System.setProperty(KEY_PROPERTY, encoded);
        }
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(encoded)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
