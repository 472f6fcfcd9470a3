package org.enclave.api.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.enclave.api.project.ProjectId;
import org.enclave.api.release.differencing.DifferencingFlag;
import org.enclave.api.security.Actor;
import org.enclave.api.workspace.WorkspaceId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A release request as its caller may see it (the API hides what they may not):
 * <ul>
 *   <li>{@code votes}: until both checkers have voted, only the caller's own vote; then all, with
 *       reasons for checkers and decisions only for the author;</li>
 *   <li>{@code comments}: private ones for checkers only;</li>
 *   <li>{@code differencing} and each output's per-cell {@code sdcRecord}: checkers only ({@code null},
 *       so absent, for the author): the difference of two tables is itself the disclosive figure;</li>
 *   <li>{@code allowedMoves}: what the caller may do now, from the same code that enforces it.</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReleaseView(ReleaseId id, ProjectId project, WorkspaceId workspace, String author, ReleaseState state, int round,
                          String context, String controls, Instant createdAt, Instant submittedAt, Instant releasedAt,
                          List<OutputView> outputs, int votesCast, List<VoteView> votes, List<Comment> comments,
                          List<DifferencingFlag> differencing, List<ReleaseRequest.Move> allowedMoves) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OutputView(String name, UUID jobId, String sqlSha256, List<String> datasets, String policy, String verdict,
                             String summary, String computeVerdict, JsonNode sdcRecord) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VoteView(String checker, Vote.Decision decision, String reason, Instant at) {
    }

    static ReleaseView of(ReleaseService.Loaded l, Actor viewer) {
        ReleaseRequest r = l.request();
        boolean checker = r.isCheckerFor(viewer);
        List<OutputView> outputs = r.outputs().stream().map(o -> new OutputView(o.name(), o.jobId(), o.sqlSha256(), o.datasets(),
                o.policy(), o.verdict(), o.summary(), PackageRecords.computeStatus(o.computeSdcJson()),
                checker && o.recordJson() != null ? JSON.readTree(o.recordJson()) : null)).toList();
        List<VoteView> votes = r.votesVisibleTo(viewer).stream()
                .map(v -> new VoteView(v.checker(), v.decision(), v.reason(), v.at())).toList();
        List<ReleaseRequest.Move> moves = Arrays.stream(ReleaseRequest.Move.values())
                .filter(m -> r.can(m, viewer, l.workspace())).toList();
        return new ReleaseView(r.id(), r.projectId(), r.workspaceId(), r.author(), r.state(), r.round(), r.context(),
                r.controls(), r.createdAt(), r.submittedAt(), r.releasedAt(), outputs, r.voteCount(), votes, l.comments(),
                checker ? l.flags() : null, moves);
    }
}
