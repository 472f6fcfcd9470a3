package org.enclave.api.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.enclave.api.platform.ConfigurationError;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The {@code enclave.jobs.*} and {@code enclave.compute.*} settings (docs/jobs.md, "Configuration"). */
@Component
public class JobSettings {

    private final Path computeCommand;
    private final String master;
    private final int maxConcurrent;
    private final int limitSeconds;
    private final int maxRows;
    private final int pageMax;
    private final Duration killGrace;

    JobSettings(@Value("${enclave.compute.command}") String command,
                @Value("${enclave.compute.master:}") String master,
                @Value("${enclave.jobs.max-concurrent}") int maxConcurrent,
                @Value("${enclave.jobs.limit-seconds}") int limitSeconds,
                @Value("${enclave.jobs.max-rows}") int maxRows,
                @Value("${enclave.jobs.rows-page-max}") int pageMax,
                @Value("${enclave.jobs.kill-grace}") Duration killGrace) {
        this.computeCommand = locate(command);
        this.master = master.isBlank() ? null : master.strip();
        if (maxConcurrent < 1 || limitSeconds < 1 || limitSeconds > 86_400 || maxRows < 1 || maxRows > 1_000_000 || pageMax < 1) {
            throw new ConfigurationError("enclave.jobs.*: max-concurrent >= 1, limit-seconds 1..86400, max-rows 1..1000000, "
                    + "rows-page-max >= 1");
        }
        this.maxConcurrent = maxConcurrent;
        this.limitSeconds = limitSeconds;
        this.maxRows = maxRows;
        this.pageMax = pageMax;
        this.killGrace = killGrace;
    }

    /**
     * A relative command is looked for from the working directory up, so that the repository's
     * {@code bin/enclave-compute} is found from the repository root and from a module folder alike.
     * A missing command is not fatal here: the API starts, and jobs fail with a clear error.
     */
    static Path locate(String command) {
        Path given = Path.of(command);
        if (given.isAbsolute()) {
            return given;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve(given))) {
                return dir.resolve(given);
            }
        }
        return given.toAbsolutePath();
    }

    public Path computeCommand() { return computeCommand; }
    /** The {@code --master} to pass, or null to let compute use its default. */
    public String master() { return master; }
    public int maxConcurrent() { return maxConcurrent; }
    public int limitSeconds() { return limitSeconds; }
    public int maxRows() { return maxRows; }
    public int pageMax() { return pageMax; }
    /** How long past its time limit a job's process may run before the API kills it. */
    public Duration killGrace() { return killGrace; }
}
