package org.enclave.api.release;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enclave.policies.Reason;
import org.enclave.policies.record.SdcRecord;
import org.enclave.policies.record.ToolVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two machine-readable documents of a package (docs/release-package.md): {@code sdc-record.json},
 * Enclave's own record, and {@code acro-results.json}, the same facts in the shape of ACRO's
 * {@code results.json} so that checkers used to SACRO-Viewer can open them.
 *
 * <p>IMPORTANT: neither holds anything more disclosive than the released tables: no suppressed value,
 * no per-cell reason or outcome (the CSV says only {@code suppressed}), no audit interval, no
 * differencing figure, no private comment or vote reason; outcome counts are per table.
 */
final class PackageRecords {

    /** IMPORTANT: bumped when a field of {@code sdc-record.json} is renamed, removed or changes meaning. */
    static final int PACKAGE_VERSION = 1;

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** What the records say about the request as a whole. */
    record Context(ReleaseRequest request, List<PackagedOutput> outputs, int differencingFlags, Instant releasedAt,
                   String keyId) {
    }

    private PackageRecords() {
    }

    static byte[] sdcRecord(Context c) {
        ReleaseRequest r = c.request();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("packageVersion", PACKAGE_VERSION);
        doc.put("release", ordered("id", r.id().toString(), "project", r.projectId().toString(),
                "workspace", r.workspaceId().toString(), "author", r.author(), "submittedAt", String.valueOf(r.submittedAt()),
                "releasedAt", c.releasedAt().toString(), "reviewRound", r.round()));
        doc.put("signature", ordered("algorithm", "Ed25519", "keyId", c.keyId(), "signs", ReleasePackage.CHECKSUMS,
                "file", ReleasePackage.SIGNATURE));
        doc.put("tool", ordered("name", ToolVersion.NAME, "version", ToolVersion.version()));
        List<Object> outputs = new ArrayList<>();
        for (PackagedOutput p : c.outputs()) {
            SdcRecord rec = SdcRecord.of(p.result());
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", p.output().name());
            o.put("file", p.file());
            o.put("jobId", p.output().jobId().toString());
            o.put("sqlSha256", p.output().sqlSha256());
            o.put("datasets", p.output().datasets());
            o.put("policy", rec.policy());
            o.put("table", rec.table());
            o.put("status", rec.status());
            o.put("summary", rec.summary());
            o.put("counts", rec.counts());
            o.put("refusals", rec.refusals());
            o.put("secondary", ordered("performed", rec.secondary().performed(), "allProtected", rec.secondary().allProtected()));
            o.put("computeEvaluation", computeStatus(p.output().computeSdcJson()));
            outputs.add(o);
        }
        doc.put("outputs", outputs);
        doc.put("differencing", ordered("checked", true, "flags", c.differencingFlags()));
        List<Object> votes = new ArrayList<>();
        for (Vote v : r.votes()) {
            votes.add(ordered("checker", v.checker(), "decision", v.decision().name().toLowerCase().replace('_', '-'),
                    "at", v.at().toString()));
        }
        doc.put("review", ordered("round", r.round(), "votes", votes));
        return bytes(doc);
    }

    /**
     * ACRO's {@code results.json}: {@code version}, then {@code results} keyed by output name, each with
     * {@code uid}, {@code status}, {@code type}, {@code properties}, {@code files[{name, sdc}]},
     * {@code outcome} (a pandas-style column -> row -> text mapping), {@code command}, {@code summary},
     * {@code timestamp}, {@code comments}, {@code exception}.
     */
    static byte[] acroResults(Context c, List<String> publicComments) {
        Map<String, Object> results = new LinkedHashMap<>();
        for (PackagedOutput p : c.outputs()) {
            SdcRecord rec = SdcRecord.of(p.result());
            String column = ReleasedCsv.valueColumn(p.result().table());
            Map<String, Object> outcome = new LinkedHashMap<>();
            Map<String, String> rows = new LinkedHashMap<>();
            for (int i = 0; i < p.result().size(); i++) {
                rows.put(Integer.toString(i), p.result().suppressed(i) ? "suppressed; " : "ok");
            }
            outcome.put(column, rows);
            Map<String, Integer> byReason = rec.counts().byReason();
            Map<String, Object> summary = ordered(
                    "suppressed", p.result().primaryCount() + p.result().secondaryCount() > 0,
                    "negative", byReason.get(Reason.NEGATIVE.id()),
                    "missing", byReason.get(Reason.MISSING.id()),
                    "threshold", byReason.get(Reason.THRESHOLD.id()) + byReason.get(Reason.ZERO.id()),
                    "p-ratio", byReason.get(Reason.P_PERCENT.id()),
                    "nk-rule", byReason.get(Reason.NK_DOMINANCE.id()),
                    "all-values-are-same", byReason.get(Reason.SINGLE_UNIT.id()));
            // Per-cell positions by reason are left empty on purpose: they would tell which withheld
            // cells are small (see the class comment); the CSV marks every withheld cell the same way.
            Map<String, Object> cells = ordered("negative", List.of(), "missing", List.of(), "threshold", List.of(),
                    "p-ratio", List.of(), "nk-rule", List.of(), "all-values-are-same", List.of());
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("uid", p.output().name());
            o.put("status", rec.status());
            o.put("type", "table");
            o.put("properties", ordered("method", p.result().table().statistic().id(), "dimensions",
                    p.result().table().dimensions(), "measure", p.result().table().measure(), "policy", rec.policy().name(),
                    "job_id", p.output().jobId().toString(), "sql_sha256", p.output().sqlSha256()));
            o.put("files", List.of(ordered("name", p.file(), "sdc", ordered("summary", summary, "cells", cells))));
            o.put("outcome", outcome);
            o.put("command", "enclave aggregate job " + p.output().jobId() + " (SQL sha256 " + p.output().sqlSha256() + ")");
            o.put("summary", rec.status() + "; " + rec.summary());
            o.put("timestamp", c.releasedAt().toString());
            o.put("comments", publicComments);
            o.put("exception", "");
            results.put(p.output().name(), o);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", ToolVersion.NAME + " " + ToolVersion.version());
        doc.put("results", results);
        return bytes(doc);
    }

    /** Compute's own verdict ({@code sdc.evaluation.status}), if the job reported one. */
    static String computeStatus(String computeSdcJson) {
        if (computeSdcJson == null) {
            return null;
        }
        try {
            JsonNode status = JSON.readTree(computeSdcJson).path("evaluation").path("status");
            return status.isString() ? status.asString() : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static byte[] bytes(Object doc) {
        return (JSON.writeValueAsString(doc) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
