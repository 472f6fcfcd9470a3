package org.enclave.api.workspace;

import org.enclave.api.project.ProjectService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code enclave.workspaces.sweep-interval}: ends projects whose validity is over (destroying
 * their keys), expires workspaces past their expiry, purges those past the retention period. Requests
 * do not wait for it: usability is checked against the clock at every request.
 */
@Component
public class WorkspaceSweeper {

    private static final Logger log = LoggerFactory.getLogger(WorkspaceSweeper.class);

    /** What one sweep did. */
    public record Sweep(int projectsEnded, int workspacesExpired, int workspacesPurged) {
    }

    private final ProjectService projects;
    private final WorkspaceService workspaces;

    WorkspaceSweeper(ProjectService projects, WorkspaceService workspaces) {
        this.projects = projects;
        this.workspaces = workspaces;
    }

    @Scheduled(fixedDelayString = "${enclave.workspaces.sweep-interval}", initialDelayString = "${enclave.workspaces.sweep-interval}")
    public void scheduled() {
        Sweep s = sweep();
        if (s.projectsEnded() + s.workspacesExpired() + s.workspacesPurged() > 0) {
            log.info("sweep: {}", s);
        }
    }

    public Sweep sweep() {
        int ended = projects.endExpiredGrants();
        int expired = workspaces.expireDue();
        int purged = workspaces.purgeDue();
        return new Sweep(ended, expired, purged);
    }
}
