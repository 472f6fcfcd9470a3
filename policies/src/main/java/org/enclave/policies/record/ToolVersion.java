package org.enclave.policies.record;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The module's version, from a resource filtered by Maven with {@code project.version}. */
public final class ToolVersion {

    public static final String NAME = "enclave-policies";
    private static final String VERSION = load();

    private ToolVersion() {
    }

    public static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = ToolVersion.class.getResourceAsStream("/org/enclave/policies/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.contains("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
