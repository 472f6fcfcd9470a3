package org.enclave.api;

import org.enclave.api.security.DevIssuerGuard;
import org.enclave.api.security.IssuerConfigurationCheck;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Enclave's access-control API. {@code bin/enclave-api} runs it; {@code bin/enclave-api audit-verify}
 * verifies the audit chain and exits (0 intact, 1 broken); {@code bin/enclave-api release-verify} checks a
 * release package offline (0 valid, 1 invalid). See docs/api.md and docs/release-package.md.
 */
@SpringBootApplication
public class EnclaveApiApplication {

    /** The application with the start-up guards that must run before any bean (see {@link DevIssuerGuard}). */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(EnclaveApiApplication.class);
        app.addListeners(new DevIssuerGuard(), new IssuerConfigurationCheck());
        return app;
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("audit-verify")) {
            System.exit(org.enclave.api.audit.AuditVerifyCommand.run(args));
        }
        if (args.length > 0 && args[0].equals("demo-client")) {
            System.exit(org.enclave.api.demo.DemoClient.run(args, System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("release-verify")) {
            System.exit(org.enclave.api.release.ReleaseVerifyCommand.run(args, System.out, System.err));
        }
        application().run(args);
    }
}
