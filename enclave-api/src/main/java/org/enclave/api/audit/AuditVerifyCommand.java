package org.enclave.api.audit;

import java.util.Arrays;
import org.enclave.api.EnclaveApiApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code bin/enclave-api audit-verify [--spring.datasource.url=...]}: verifies the chain with the same
 * configuration as the server (same database, same signing key), prints the report and exits
 * 0 when intact, 1 when broken. Starts no web server and no scheduled job.
 */
public final class AuditVerifyCommand {

    private AuditVerifyCommand() {
    }

    public static int run(String[] args) {
        SpringApplication app = EnclaveApiApplication.application();
        app.setWebApplicationType(WebApplicationType.NONE);
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        String[] withFlags = Arrays.copyOf(rest, rest.length + 2);
        withFlags[rest.length] = "--enclave.scheduling.enabled=false";
        withFlags[rest.length + 1] = "--spring.main.banner-mode=off";
        try (ConfigurableApplicationContext context = app.run(withFlags)) {
            VerificationReport report = context.getBean(AuditVerifier.class).verify();
            System.out.println(report.summary());
            return report.ok() ? 0 : 1;
        }
    }
}
