package org.enclave.api.catalogue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.enclave.api.audit.AuditEvent;
import org.enclave.api.audit.AuditLog;
import org.enclave.api.audit.Outcome;
import org.enclave.api.platform.DomainException;
import org.enclave.api.security.Actor;
import org.enclave.api.security.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalogue: stewards register datasets and their immutable, verified versions; anyone signed in
 * browses. Every registration is audited in its own transaction.
 */
@Service
public class CatalogueService {

    private final CatalogueRepository repository;
    private final AuditLog audit;
    private final Clock clock;
    private final Path lakeRoot;

    CatalogueService(CatalogueRepository repository, AuditLog audit, Clock clock, @Value("${enclave.lake.dir}") Path lakeDir) {
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
        this.lakeRoot = lakeDir.toAbsolutePath().normalize();
    }

    /** New dataset metadata, as the steward declares it. */
    public record NewDataset(String name, String description, String owner, Sensitivity sensitivity, String licence,
                             int retentionDays) {
    }

    public static boolean canRegister(Actor actor) {
        return actor.has(Role.STEWARD);
    }

    public static void checkRegister(Actor actor) {
        if (!canRegister(actor)) {
            throw new DomainException.Forbidden("only a steward registers datasets and versions");
        }
    }

    @Transactional
    public Dataset create(Actor actor, NewDataset n) {
        checkRegister(actor);
        if (repository.nameTaken(n.name())) {
            throw new DomainException.Conflict("a dataset named '" + n.name() + "' already exists");
        }
        Dataset d = new Dataset(DatasetId.random(), n.name(), n.description(), n.owner(), n.sensitivity(), n.licence(),
                n.retentionDays(), actor.username(), clock.instant());
        repository.insert(d);
        audit.append(AuditEvent.of(actor.username(), "dataset.created", "dataset", d.id(), Outcome.DONE)
                .with("name", d.name()).with("sensitivity", d.sensitivity()).with("owner", d.owner())
                .with("retention_days", d.retentionDays()));
        return d;
    }

    /**
     * Registers the next version of {@code id} from a lake folder, once its manifest verifies against
     * the declared columns ({@link LakeManifest}).
     */
    @Transactional
    public DatasetVersion registerVersion(Actor actor, DatasetId id, String location, List<ColumnSpec> columns) {
        checkRegister(actor);
        get(id);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            ColumnRole.parse("columns[" + i + "].role", columns.get(i).role());
            if (!names.add(columns.get(i).name())) {
                throw new DomainException.Invalid("columns[" + i + "].name", "duplicate column " + columns.get(i).name());
            }
        }
        Path folder = resolve(location);
        LakeManifest.Verified verified = LakeManifest.verify(folder, columns);
        int number = repository.nextVersionNumber(id);
        DatasetVersion v = new DatasetVersion(id, number, lakeRoot.relativize(folder).toString(), verified.manifestSha256(),
                verified.rowsOut(), actor.username(), clock.instant(), List.copyOf(columns));
        repository.insert(v);
        audit.append(AuditEvent.of(actor.username(), "dataset.version.registered", "dataset", id, Outcome.DONE)
                .with("version", number).with("location", v.location()).with("manifest_sha256", v.manifestSha256())
                .with("rows", v.rows()).with("columns", columns.size()));
        return v;
    }

    /** A lake location is relative to the lake root and stays inside it. */
    private Path resolve(String location) {
        Path folder = lakeRoot.resolve(location).normalize();
        if (Path.of(location).isAbsolute() || !folder.startsWith(lakeRoot) || folder.equals(lakeRoot)) {
            throw new DomainException.Invalid("location", "location must be a folder inside the lake, relative to its root");
        }
        return folder;
    }

    @Transactional(readOnly = true)
    public List<Dataset> list() {
        return repository.all();
    }

    @Transactional(readOnly = true)
    public Dataset get(DatasetId id) {
        return repository.find(id).orElseThrow(() -> new DomainException.NotFound("dataset", id));
    }

    @Transactional(readOnly = true)
    public List<Integer> versions(DatasetId id) {
        get(id);
        return repository.versionNumbers(id);
    }

    @Transactional(readOnly = true)
    public DatasetVersion version(DatasetId id, int number) {
        return repository.version(id, number).orElseThrow(() -> new DomainException.NotFound("dataset version", id + "/" + number));
    }

    /** The newest version, which applications and grants refer to; empty while none is registered. */
    @Transactional(readOnly = true)
    public java.util.Optional<DatasetVersion> latest(DatasetId id) {
        return repository.latestVersion(id);
    }

    /** The absolute lake folder of a version, for the job specs compute will read. */
    public Path folderOf(DatasetVersion v) {
        return lakeRoot.resolve(v.location());
    }
}
