package org.enclave.api.web;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Browser tests run Debian's Chromium through Debian's chromedriver, never a downloaded browser. Where
 * either is missing the class is skipped with a message saying what to install, before any Spring
 * context starts; under CI ({@code CI=true}) it fails instead, so CI can never skip them silently
 * ({@code .ci/run} installs both).
 */
public final class ChromiumAvailable implements ExecutionCondition {

    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("ENCLAVE_CHROMIUM", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("ENCLAVE_CHROMEDRIVER", "/usr/bin/chromedriver"));

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return ConditionEvaluationResult.enabled("Chromium and chromedriver found");
        }
        String message = "portal browser tests skipped: " + CHROMIUM + " or " + CHROMEDRIVER
                + " is missing (install them with: apt-get install -y chromium chromium-driver)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message.replace("skipped", "cannot run under CI")
                    + "; .ci/run must install them before Maven");
        }
        return ConditionEvaluationResult.disabled(message);
    }
}
