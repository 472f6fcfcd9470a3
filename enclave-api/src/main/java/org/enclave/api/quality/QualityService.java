package org.enclave.api.quality;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.enclave.api.audit.AuditEvent;
import org.enclave.api.audit.AuditLog;
import org.enclave.api.audit.Outcome;
import org.enclave.api.catalogue.CatalogueService;
import org.enclave.api.catalogue.DatasetId;
import org.enclave.api.catalogue.DatasetVersion;
import org.enclave.api.catalogue.LakeManifest;
import org.enclave.api.platform.DomainException;
import org.enclave.api.platform.InvariantViolation;
import org.enclave.api.security.Actor;
import org.enclave.api.security.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Quality indicators per dataset version, and reusers' feedback to the steward (docs/governance.md). */
@Service
public class QualityService {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CatalogueService catalogue;
    private final QualityRepository repository;
    private final AuditLog audit;
    private final Clock clock;

    QualityService(CatalogueService catalogue, QualityRepository repository, AuditLog audit, Clock clock) {
        this.catalogue = catalogue;
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public QualityIndicators indicators(DatasetId id, int number) {
        DatasetVersion v = catalogue.version(id, number);
        List<Integer> versions = catalogue.versions(id);
        int latest = versions.get(versions.size() - 1);
        return new QualityIndicators(id, number, QualityIndicators.Documentation.of(v.columns()), ingest(v),
                QualityIndicators.Freshness.of(v.registeredAt(), clock.instant(), number, latest),
                new QualityIndicators.Use(repository.projectsInForce(id, clock.instant()), repository.projectsEverGranted(id), "dataset"),
                repository.feedbackCount(id, number));
    }

    /**
     * Row counts from the version's lake manifest, read again and trusted only if it is still the file
     * registered (same SHA-256): the catalogue keeps only the rows kept.
     */
    QualityIndicators.Ingest ingest(DatasetVersion v) {
        Path manifest = catalogue.folderOf(v).resolve(LakeManifest.FILE);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(manifest);
        } catch (IOException e) {
            return QualityIndicators.Ingest.unknown("the version's manifest cannot be read from the lake");
        }
        if (!sha256(bytes).equals(v.manifestSha256())) {
            return QualityIndicators.Ingest.unknown("the manifest in the lake is not the one registered");
        }
        try {
            JsonNode rows = JSON.readTree(bytes).path("rows");
            return QualityIndicators.Ingest.of(rows.path("in").asLong(), rows.path("out").asLong(), rows.path("quarantined").asLong());
        } catch (JacksonException e) {
            return QualityIndicators.Ingest.unknown("the manifest is not readable JSON");
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new InvariantViolation("SHA-256 missing", e);
        }
    }

    /** Anyone signed in leaves feedback on a version; its text reaches the audit log only as an HMAC. */
    @Transactional
    public Feedback leaveFeedback(Actor actor, DatasetId id, int number, String text, Integer rating) {
        if (actor.system()) {
            throw new InvariantViolation("the system does not leave feedback");
        }
        catalogue.version(id, number);
        Feedback f = new Feedback(UUID.randomUUID(), id, number, actor.username(), rating,
                text, clock.instant());
        repository.insert(f);
        audit.append(AuditEvent.of(actor.username(), "dataset.feedback", "dataset", id, Outcome.DONE)
                .with("version", number).with("feedback", f.id()).with("rating", rating).sensitive("text", text));
        return f;
    }

    public static boolean canReadFeedback(Actor actor) {
        return actor.has(Role.STEWARD);
    }

    public static void checkReadFeedback(Actor actor) {
        if (!canReadFeedback(actor)) {
            throw new DomainException.Forbidden("only a steward reads the feedback on a dataset version");
        }
    }

    @Transactional(readOnly = true)
    public List<Feedback> feedback(Actor actor, DatasetId id, int number) {
        checkReadFeedback(actor);
        catalogue.version(id, number);
        return repository.feedback(id, number);
    }
}
