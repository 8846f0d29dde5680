package dev.vigil.devstack;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link DevStack} for one test class: started before its first test, closed after its last.
 * {@code @RegisterExtension static final DevStackExtension stack = new DevStackExtension();}
 */
public final class DevStackExtension implements BeforeAllCallback, AfterAllCallback {
    private DevStack stack;

    @Override
    public void beforeAll(ExtensionContext context) {
        stack = DevStack.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (stack != null) {
            stack.close();
            stack = null;
        }
    }

    private DevStack running() {
        if (stack == null) {
            throw new IllegalStateException("The dev stack is not running: register the extension on a static field");
        }
        return stack;
    }

    public String bootstrapServers() {
        return running().bootstrapServers();
    }

    public String registryUrl() {
        return running().registryUrl();
    }

    public java.util.Properties clientProperties() {
        return running().clientProperties();
    }

    public Map<String, String> settings() {
        return running().settings();
    }

    public Map<String, String> appSettings(Path stateDir) {
        return running().appSettings(stateDir);
    }
}
