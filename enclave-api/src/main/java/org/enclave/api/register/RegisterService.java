package org.enclave.api.register;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.enclave.api.audit.AuditEvent;
import org.enclave.api.audit.AuditLog;
import org.enclave.api.audit.Outcome;
import org.enclave.api.platform.DomainException;
import org.enclave.api.project.Project;
import org.enclave.api.project.ProjectId;
import org.enclave.api.project.ProjectService;
import org.enclave.api.security.Actor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public register of approved projects (docs/governance.md): what CASD and the Health Data Hub
 * publish — title, purpose, institution, datasets, validity period, number of releases — and member
 * names only for members who consented. Nothing about any data subject is held here.
 */
@Service
public class RegisterService {

    /** One published project. {@code releases} is null while release counts are not available. */
    public record Entry(ProjectId id, String title, String purpose, String institution, List<String> datasets,
                        Instant validFrom, Instant validUntil, String status, Long releases, List<String> members) {
    }

    /** The register as published. */
    public record Register(Instant generatedAt, int count, boolean releasesAvailable, List<String> notes, List<Entry> projects) {
    }

    static final String NOTE_MEMBERS = "members are listed only when they consented to publication of their name";
    static final String NOTE_RELEASES = "releases: null means the count is not yet available (release requests are not yet counted)";

    private final RegisterRepository repository;
    private final ProjectService projects;
    private final ObjectProvider<ReleaseCounts> releaseCounts;
    private final AuditLog audit;
    private final Clock clock;

    RegisterService(RegisterRepository repository, ProjectService projects, ObjectProvider<ReleaseCounts> releaseCounts,
                    AuditLog audit, Clock clock) {
        this.repository = repository;
        this.projects = projects;
        this.releaseCounts = releaseCounts;
        this.audit = audit;
        this.clock = clock;
    }

    private ReleaseCounts counts() {
        return releaseCounts.getIfAvailable(() -> ReleaseCounts.NOT_WIRED);
    }

    @Transactional(readOnly = true)
    public Register register() {
        ReleaseCounts counts = counts();
        List<Entry> entries = repository.published().stream().map(r -> new Entry(r.id(), r.title(), r.purpose(), r.institution(),
                r.datasets(), r.validFrom(), r.validUntil(), r.state(),
                counts.available() ? counts.releasedCount(r.id()) : null, r.consentingMembers())).toList();
        List<String> notes = counts.available() ? List.of(NOTE_MEMBERS) : List.of(NOTE_MEMBERS, NOTE_RELEASES);
        return new Register(clock.instant(), entries.size(), counts.available(), notes, entries);
    }

    /** The same entries as CSV (RFC 4180, CRLF); lists joined with "; ". */
    @Transactional(readOnly = true)
    public String csv() {
        StringBuilder out = new StringBuilder("id,title,purpose,institution,datasets,valid_from,valid_until,status,releases,members\r\n");
        for (Entry e : register().projects()) {
            out.append(String.join(",", List.of(e.id().toString(), Csv.cell(e.title()), Csv.cell(e.purpose()),
                    Csv.cell(e.institution()), Csv.cell(String.join("; ", e.datasets())), String.valueOf(e.validFrom()),
                    String.valueOf(e.validUntil()), e.status(), e.releases() == null ? "" : e.releases().toString(),
                    Csv.cell(e.members().stream().collect(Collectors.joining("; ")))))).append("\r\n");
        }
        return out.toString();
    }

    /** A member consents (or withdraws consent) to their own name in the register. Only for oneself. */
    @Transactional
    public void consent(Actor actor, ProjectId id, boolean consent) {
        Project p = projects.load(id);
        if (!p.isMember(actor.username())) {
            throw new DomainException.Forbidden("only a member of the project consents, for themselves");
        }
        repository.consent(id, actor.username(), consent, clock.instant());
        audit.append(AuditEvent.of(actor.username(), "register.consent", "project", id, Outcome.DONE).with("consent", consent));
    }
}
