package org.enclave.api.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints a {@link ConfigurationError} as Boot's short "APPLICATION FAILED TO START" report (what is
 * wrong, what to do) instead of a stack trace.
 */
public class ConfigurationErrorAnalyzer extends AbstractFailureAnalyzer<ConfigurationError> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationError cause) {
        return new FailureAnalysis(cause.getMessage(), "Fix the configuration (see docs/api.md, \"Configuration\") and start again.", cause);
    }
}
