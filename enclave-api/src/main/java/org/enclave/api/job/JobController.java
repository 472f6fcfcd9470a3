package org.enclave.api.job;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.enclave.api.project.ProjectId;
import org.enclave.api.security.Actor;
import org.enclave.api.workspace.WorkspaceId;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Jobs: a researcher submits an analysis in an open workspace, follows it, cancels it, reads its result inside the enclave. */
@RestController
public class JobController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The limits the job runs under. */
    public record Limits(int seconds, int maxRows) {
    }

    /** A job with the moves the caller may make now ({@code allowedMoves}); {@code sdc} only for succeeded aggregates. */
    public record JobView(JobId id, WorkspaceId workspace, ProjectId project, String author, JobState state, String kind,
                          String sql, JsonNode output, List<DatasetUse> datasets, String policy, Limits limits,
                          Instant submittedAt, Instant startedAt, Instant finishedAt, Long durationMs, JobError error,
                          Long resultRows, Boolean truncated, JsonNode sdc, List<Job.Move> allowedMoves) {

        static JobView of(Job j, Actor viewer) {
            return new JobView(j.id(), j.workspaceId(), j.projectId(), j.author(), j.state(), j.kind().name().toLowerCase(),
                    j.sql(), JSON.readTree(j.output()), j.datasets(), j.policy(), new Limits(j.limitSeconds(), j.maxRows()),
                    j.submittedAt(), j.startedAt(), j.finishedAt(),
                    j.startedAt() != null && j.finishedAt() != null ? Duration.between(j.startedAt(), j.finishedAt()).toMillis() : null,
                    j.error(), j.resultRows(), j.truncated(),
                    j.kind() == Job.Kind.AGGREGATE && j.state() == JobState.SUCCEEDED ? JobResults.sdc(j) : null,
                    Arrays.stream(Job.Move.values()).filter(m -> j.can(m, viewer)).toList());
        }
    }

    private final JobService jobs;
    private final JobResults results;

    JobController(JobService jobs, JobResults results) {
        this.jobs = jobs;
        this.results = results;
    }

    @Operation(summary = "Submit an analysis (SQL and output spec only) in an open workspace (its owner, a researcher member)")
    @PostMapping("/api/workspaces/{id}/jobs")
    @ResponseStatus(HttpStatus.CREATED)
    public JobView submit(@PathVariable WorkspaceId id, @RequestBody JsonNode body, Authentication auth) {
        Actor actor = Actor.of(auth);
        return JobView.of(jobs.submit(actor, id, Analysis.parse(body)), actor);
    }

    @Operation(summary = "The jobs of a workspace (researcher members of its project)")
    @GetMapping("/api/workspaces/{id}/jobs")
    public List<JobView> list(@PathVariable WorkspaceId id, Authentication auth) {
        Actor actor = Actor.of(auth);
        return jobs.ofWorkspace(actor, id).stream().map(j -> JobView.of(j, actor)).toList();
    }

    @Operation(summary = "A job: state, timings, error with its position, SDC record (researcher members)")
    @GetMapping("/api/jobs/{id}")
    public JobView get(@PathVariable JobId id, Authentication auth) {
        Actor actor = Actor.of(auth);
        return JobView.of(jobs.get(actor, id), actor);
    }

    @Operation(summary = "Cancel a queued or running job (the researcher who submitted it)")
    @PostMapping("/api/jobs/{id}/cancel")
    public JobView cancel(@PathVariable JobId id, Authentication auth) {
        Actor actor = Actor.of(auth);
        return JobView.of(jobs.cancel(actor, id), actor);
    }

    /**
     * IMPORTANT: rows are for viewing inside the enclave, never a download: JSON, {@code no-store},
     * no {@code Content-Disposition}, the page size capped here on the server.
     */
    @Operation(summary = "A page of a rows job's rows, for viewing inside the enclave; each read audited (researcher members, open workspace)")
    @GetMapping("/api/jobs/{id}/rows")
    public ResponseEntity<JobResults.RowsPage> rows(@PathVariable JobId id, @RequestParam(defaultValue = "0") long offset,
                                                    @RequestParam(defaultValue = "100") int limit, Authentication auth) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(results.rows(Actor.of(auth), id, offset, limit));
    }

    @Operation(summary = "An aggregate job's SDC record: policy, cell table as computed, evaluation (researcher members, open workspace)")
    @GetMapping("/api/jobs/{id}/aggregate")
    public ResponseEntity<JsonNode> aggregate(@PathVariable JobId id, Authentication auth) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(results.aggregate(Actor.of(auth), id));
    }
}
