package org.enclave.api.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.enclave.api.job.JobOutputs;
import org.enclave.api.workspace.Workspace;

/**
 * The {@link AggregateOutputs} port backed by fixtures: tests "run" an aggregate job by writing a cell
 * table into the workspace's folder (as compute would) and registering its output. Any other job id is
 * looked up in the real jobs feature, so tests that run real compute jobs release their outputs.
 */
public class FixtureAggregateOutputs implements AggregateOutputs {

    private final Path workspaces;
    private final Map<UUID, AggregateOutputView> jobs = new ConcurrentHashMap<>();
    private final AggregateOutputs real;

    public FixtureAggregateOutputs(Path workspaces, JobOutputs realJobs) {
        this.workspaces = workspaces.toAbsolutePath().normalize();
        this.real = new JobAggregateOutputs(realJobs);
    }

    /** A succeeded aggregate job in {@code w} whose output is {@code cellTableJson}; returns its id. */
    public UUID add(Workspace w, String cellTableJson, String policy) {
        UUID id = UUID.randomUUID();
        Path dir = workspaces.resolve(w.id().toString()).resolve("jobs").resolve(id.toString());
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("table.json"), cellTableJson, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jobs.put(id, new AggregateOutputView(id, w.id(), w.projectId(), w.owner(), "0f".repeat(32), List.of("stays@v1"), policy,
                cellTableJson, "{\"policy\":\"" + policy + "\",\"evaluation\":{\"status\":\"not-evaluated\"}}", dir));
        return id;
    }

    public UUID add(Workspace w, String cellTableJson) {
        return add(w, cellTableJson, "standard");
    }

    @Override
    public Optional<AggregateOutputView> aggregateOutput(UUID jobId) {
        AggregateOutputView fixture = jobs.get(jobId);
        return fixture != null ? Optional.of(fixture) : real.aggregateOutput(jobId);
    }
}
