package org.enclave.api.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.enclave.api.audit.AuditEvent;
import org.enclave.api.audit.AuditLog;
import org.enclave.api.audit.Outcome;
import org.enclave.api.platform.DomainException;
import org.enclave.api.platform.InvariantViolation;
import org.enclave.api.security.Actor;
import org.enclave.policies.TableStatus;
import org.enclave.policies.check.CheckResult;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * APPROVED to RELEASED, and the only download of the whole API. Releasing evaluates the policy once
 * more on every output (a table that now fails is refused, the request stays APPROVED), writes and
 * signs the package under {@code enclave.releases.dir/<id>/} and {@code <id>.zip}, records every
 * released table in the project's differencing ledger, and moves the request, all in one transaction
 * with its audit entry.
 */
@Service
public class ReleasePublisher {

    private final ReleaseService releases;
    private final ReleaseRepository repository;
    private final ReleaseSigningKey key;
    private final AuditLog audit;
    private final Clock clock;
    private final Path root;

    ReleasePublisher(ReleaseService releases, ReleaseRepository repository, ReleaseSigningKey key, AuditLog audit, Clock clock,
                     @Value("${enclave.releases.dir}") Path root) {
        this.releases = releases;
        this.repository = repository;
        this.key = key;
        this.audit = audit;
        this.clock = clock;
        this.root = root.toAbsolutePath().normalize();
    }

    @Transactional
    public ReleaseRequest release(Actor actor, ReleaseId id) {
        ReleaseService.Loaded l = releases.load(actor, id, true);
        ReleaseRequest r = l.request();
        r.check(ReleaseRequest.Move.RELEASE, actor, l.workspace());
        List<PackagedOutput> outputs = new ArrayList<>();
        for (ReleaseOutput o : r.outputs()) {
            CheckResult result = OutputCheck.evaluate(o.cellTableJson(), o.policy(), o.name());
            if (result.status() == TableStatus.FAIL) {
                throw new DomainException.Conflict("output " + o.name() + " fails the disclosure policy when evaluated at release ("
                        + result.summary() + "): withdraw the request");
            }
            outputs.add(new PackagedOutput(o, result));
        }
        Instant now = clock.instant();
        ReleaseState from = r.release(actor, now);
        int flags = repository.flags(id, r.round()).size();
        PackageRecords.Context context = new PackageRecords.Context(r, outputs, flags, now, key.keyId());
        SortedMap<String, byte[]> content = new TreeMap<>();
        for (PackagedOutput p : outputs) {
            content.put(p.file(), ReleasedCsv.write(p.result()));
        }
        content.put("sdc-record.json", PackageRecords.sdcRecord(context));
        List<String> publicComments = repository.comments(id).stream().filter(c -> c.visibility() == Comment.Visibility.PUBLIC)
                .map(c -> c.author() + ": " + c.text()).toList();
        content.put("acro-results.json", PackageRecords.acroResults(context, publicComments));
        SortedMap<String, byte[]> files = ReleasePackage.sign(content, key);
        byte[] zip = ReleasePackage.zip(files);
        String sha256 = ReleasePackage.sha256(zip);
        ReleasePackage.writeFolder(folder(id), files);
        write(zipFile(id), zip);
        releases.save(r, from);
        repository.setPackage(id, sha256);
        for (PackagedOutput p : outputs) {
            repository.insertReleased(id, p.output().name(), r.projectId(), now,
                    OutputCheck.published("release " + id + ": " + p.output().name(), p.result()));
        }
        audit.append(ReleaseService.transition(actor, r, from).with("package_sha256", sha256).with("files", files.size())
                .with("key", key.keyId()).with("outputs", outputs.size()));
        return r;
    }

    /** The signed zip, for the author of a RELEASED request; every download is audited before any byte leaves. */
    @Transactional
    public byte[] download(Actor actor, ReleaseId id) {
        ReleaseRequest r = releases.load(actor, id, false).request();
        r.check(ReleaseRequest.Move.DOWNLOAD, actor, java.util.Optional.empty());
        String expected = repository.packageSha256(id)
                .orElseThrow(() -> new InvariantViolation("released request " + id + " has no package checksum"));
        byte[] zip;
        try {
            zip = Files.readAllBytes(zipFile(id));
        } catch (IOException e) {
            throw new InvariantViolation("release package " + id + " is missing from " + root, e);
        }
        if (!ReleasePackage.sha256(zip).equals(expected)) {
            throw new InvariantViolation("release package " + id + " on disk does not match the checksum recorded at release");
        }
        audit.append(AuditEvent.of(actor.username(), "release.downloaded", "release", id, Outcome.ALLOWED)
                .with("package_sha256", expected).with("bytes", zip.length));
        return zip;
    }

    public ReleasePublicKey publicKey() {
        return key.publicKey();
    }

    Path folder(ReleaseId id) {
        return root.resolve(id.toString());
    }

    Path zipFile(ReleaseId id) {
        return root.resolve(id + ".zip");
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write release package " + file.getFileName(), e);
        }
    }
}
