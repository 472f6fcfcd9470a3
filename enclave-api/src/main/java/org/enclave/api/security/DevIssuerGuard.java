package org.enclave.api.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.enclave.api.platform.ConfigurationError;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * The development token issuer mints tokens for anyone who asks: it must never run where a real
 * person could reach it. It starts only when BOTH hold:
 * <ul>
 *   <li>the {@code dev} profile is active, and</li>
 *   <li>{@code server.address} is set to a loopback address (unset means every interface).</li>
 * </ul>
 * Otherwise the application refuses to start and says which condition failed. The check runs as soon
 * as the environment is prepared (before any bean, before the database starts) and again when the
 * issuer's beans are created, so no way of starting the application skips it.
 */
public final class DevIssuerGuard implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    public static final String ENABLED = "enclave.dev-issuer.enabled";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(event.getEnvironment());
    }

    /** @throws ConfigurationError when the dev issuer is enabled where it must not run */
    public static void check(Environment env) {
        if (!env.getProperty(ENABLED, Boolean.class, false)) {
            return;
        }
        if (!Arrays.asList(env.getActiveProfiles()).contains("dev")) {
            throw new ConfigurationError("Refusing to start: the development token issuer ("
                    + ENABLED + "=true) runs only with the 'dev' profile active; active profiles: "
                    + Arrays.toString(env.getActiveProfiles())
                    + ". In production configure spring.security.oauth2.resourceserver.jwt.issuer-uri instead.");
        }
        String address = env.getProperty("server.address");
        if (address == null || address.isBlank()) {
            throw new ConfigurationError("Refusing to start: the development token issuer needs server.address "
                    + "set to a loopback address (127.0.0.1 or ::1); it is unset, which binds every interface.");
        }
        if (!isLoopback(address)) {
            throw new ConfigurationError("Refusing to start: the development token issuer needs server.address "
                    + "to be a loopback address (127.0.0.1 or ::1), not " + address + ".");
        }
    }

    static boolean isLoopback(String address) {
        // Only literal addresses and "localhost": no DNS lookup decides whether tokens are minted.
        String a = address.trim();
        if (a.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!a.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")) {
            return false;
        }
        try {
            return InetAddress.getByName(a.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
