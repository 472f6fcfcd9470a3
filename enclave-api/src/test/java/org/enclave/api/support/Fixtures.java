package org.enclave.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.enclave.api.catalogue.CatalogueService;
import org.enclave.api.catalogue.DatasetId;
import org.enclave.api.catalogue.Sensitivity;
import org.enclave.api.project.Project;
import org.enclave.api.project.ProjectService;
import org.enclave.api.security.Actor;
import org.enclave.api.security.DemoUsers;
import org.enclave.api.security.DevTokenController;
import org.enclave.api.security.Role;
import org.enclave.api.workspace.Workspace;
import org.enclave.api.workspace.WorkspaceService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Reaches states by running the real transitions: a dataset with a verified version,
 * a project applied for, submitted and approved, a workspace opened. Tokens come from the dev issuer.
 */
public class Fixtures {

    @Autowired CatalogueService catalogue;
    @Autowired ProjectService projects;
    @Autowired WorkspaceService workspaces;
    @Autowired org.enclave.api.governance.ConsultationService consultations;
    @Autowired DevTokenController tokens;
    @Autowired public TestClock clock;
    @Value("${enclave.lake.dir}") Path lake;

    private final Map<String, String> tokenCache = new ConcurrentHashMap<>();
    private volatile DatasetId shared;

    public static Actor actor(String username) {
        Set<Role> roles = DemoUsers.find(username).map(DemoUsers.DemoUser::roles).orElseThrow();
        return new Actor(username, EnumSet.copyOf(roles), false);
    }

    public String bearer(String username) {
        return "Bearer " + tokenCache.computeIfAbsent(username,
                u -> tokens.token(new DevTokenController.TokenRequest(u)).access_token());
    }

    public Path lake() {
        return lake.toAbsolutePath().normalize();
    }

    /** A new folder in the lake holding a verified-able version of {@link LakeFixture#COLUMNS}; returns its location. */
    public String lakeFolder() {
        String location = "ds-" + UUID.randomUUID() + "/v1";
        try {
            LakeFixture.write(lake().resolve(location), LakeFixture.COLUMNS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return location;
    }

    /** A fresh dataset with one verified version, registered by the steward {@code sam}. */
    public DatasetId dataset() {
        Actor sam = actor("sam");
        DatasetId id = catalogue.create(sam, new CatalogueService.NewDataset("stays_" + UUID.randomUUID().toString().replace("-", ""),
                "hospital stays", "DREES", Sensitivity.HIGH, "Licence Ouverte 2.0", 3650)).id();
        catalogue.registerVersion(sam, id, lakeFolder(), LakeFixture.COLUMNS);
        return id;
    }

    public synchronized DatasetId sharedDataset() {
        if (shared == null) {
            shared = dataset();
        }
        return shared;
    }

    /** A DRAFT by alice with the given extra members, asking for pid, age_band, stay_days. */
    public Project draft(String... extraMembers) {
        Instant now = clock.instant();
        return projects.apply(actor("alice"), new ProjectService.Application("Length of stay by age", "Study of stays",
                "RGPD art. 6(1)(e) and 9(2)(j)", new LinkedHashSet<>(List.of(extraMembers)),
                new Project.Window(now, now.plus(Duration.ofDays(365))),
                Map.of(sharedDataset(), Set.of("pid", "age_band", "stay_days"))));
    }

    public Project submitted(String... extraMembers) {
        Project p = draft(extraMembers);
        return projects.submit(actor("alice"), p.id());
    }

    /** Approved by a committee member who is not a member, valid from now for {@code validity}. */
    public Project approved(Duration validity, String... extraMembers) {
        Project p = submitted(extraMembers);
        String decider = p.isMember("carol") ? "dave" : "carol";
        Instant now = clock.instant();
        return projects.approve(actor(decider), p.id(), new Project.Window(now.minusSeconds(1), now.plus(validity)),
                Map.of(sharedDataset(), Set.of("pid", "age_band")), "meets the criteria");
    }

    /** Approves a submitted (or appealed) project as carol, or dave when carol is a member. */
    public Project approvedFrom(Project p) {
        String decider = p.isMember("carol") ? "dave" : "carol";
        Instant now = clock.instant();
        return projects.approve(actor(decider), p.id(), new Project.Window(now.minusSeconds(1), now.plus(Duration.ofDays(90))),
                Map.of(sharedDataset(), Set.of("pid", "age_band")), "meets the criteria");
    }

    public Project approved(String... extraMembers) {
        return approved(Duration.ofDays(90), extraMembers);
    }

    /** The ids of the workspaces {@code owner} opened. */
    public List<org.enclave.api.workspace.WorkspaceId> workspacesOf(String owner) {
        return workspaces.mine(actor(owner)).stream().map(Workspace::id).toList();
    }

    /** Submitted, then rejected by {@code dave} (who is never a matrix caller), so carol may decide an appeal. */
    public Project rejected(String... extraMembers) {
        Project p = submitted(extraMembers);
        return projects.reject(actor("dave"), p.id(), "the protocol does not justify the columns");
    }

    /** Rejected by dave, then appealed by its author alice. */
    public Project appealed(String... extraMembers) {
        Project p = rejected(extraMembers);
        return projects.appeal(actor("alice"), p.id(), "the columns are needed for the stated purpose");
    }

    /** dave asks {@code consultee} (a steward's opinion when they are one) about a submitted project. */
    public org.enclave.api.governance.Consultation consultation(Project p, String consultee) {
        var kind = DemoUsers.find(consultee).filter(u -> u.roles().contains(Role.STEWARD)).isPresent()
                ? org.enclave.api.governance.Consultation.Kind.STEWARD : org.enclave.api.governance.Consultation.Kind.EXPERT;
        return consultations.request(actor("dave"), p.id(), kind, consultee, "is the linkage proportionate?");
    }

    public Workspace workspace(Project p, String owner) {
        return workspaces.open(actor(owner), p.id(), clock.instant().plus(Duration.ofDays(7)));
    }
}
