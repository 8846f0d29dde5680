package dev.vigil.kit.serde;

import dev.vigil.kit.config.VigilConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Registry settings from {@code vigil.schema.registry.*}: url, basic.auth.user.info, auto.register.schemas,
 * subject.name.strategy, ssl.truststore.location / password / type.
 */
public record RegistrySettings(String url, String basicAuthUserInfo, boolean autoRegister, SubjectNameStrategy strategy,
                               String truststoreLocation, String truststorePassword, String truststoreType) {
    private static final String P = "vigil.schema.registry.";

    public static RegistrySettings from(VigilConfig config) {
        return new RegistrySettings(config.get(P + "url"), config.get(P + "basic.auth.user.info", null),
                config.getBoolean(P + "auto.register.schemas", true),
                SubjectNameStrategy.parse(config.get(P + "subject.name.strategy", "topic")),
                config.get(P + "ssl.truststore.location", null), config.get(P + "ssl.truststore.password", null),
                config.get(P + "ssl.truststore.type", "PKCS12"));
    }

    public static RegistrySettings of(String url) {
        return new RegistrySettings(url, null, true, SubjectNameStrategy.TOPIC, null, null, "PKCS12");
    }

    /** Whether the registry is reached over HTTP(S); other schemes (mock:// in tests) come from a {@link SchemaRegistryProvider}. */
    public boolean isHttp() {
        return url.startsWith("http://") || url.startsWith("https://");
    }

    /** A TLS context trusting the configured trust store, or null to use the JVM's default trust. */
    SSLContext sslContext() {
        if (truststoreLocation == null) {
            return null;
        }
        try (InputStream in = Files.newInputStream(Path.of(truststoreLocation))) {
            KeyStore store = KeyStore.getInstance(truststoreType);
            store.load(in, truststorePassword == null ? null : truststorePassword.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot load the registry trust store " + truststoreLocation + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "RegistrySettings[url=" + url + ", auth=" + (basicAuthUserInfo == null ? "none" : "basic") + ", autoRegister="
                + autoRegister + ", strategy=" + strategy + ", truststore=" + truststoreLocation + "]";
    }
}
