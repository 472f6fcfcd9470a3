package org.enclave.compute.guard;

import java.util.List;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;

/**
 * A table reference must name one of the job's views, or a common table expression in scope, by its
 * bare name. Qualified names ({@code db.t}, {@code catalog.db.t}, {@code global_temp.t}) are refused, and
 * {@code format.`path`} is reported as a direct file read. {@code IDENTIFIER('...')} with a literal is
 * turned into a plain reference by the parser, so it is checked here too.
 */
final class RelationCheck implements PlanCheck {

    /** Data source names Spark accepts in {@code format.`path`} (runSQLOnFiles), lower case. */
    private static final Set<String> FILE_FORMATS = Set.of(
            "parquet", "orc", "csv", "json", "text", "avro", "binaryfile", "xml", "delta", "iceberg", "hudi",
            "jdbc", "hive", "libsvm", "image", "noop", "console", "kafka");

    @Override
    public void check(Visit visit, GuardContext context) {
        if (!(visit.node() instanceof UnresolvedRelation relation)) {
            return;
        }
        List<String> parts = ScalaNames.lower(relation.multipartIdentifier());
        String shown = ScalaNames.display(parts);
        if (parts.size() > 1) {
            if (FILE_FORMATS.contains(parts.get(0)) || parts.stream().anyMatch(RelationCheck::looksLikePath)) {
                throw visit.reject(RejectionCode.FILE_READ, "direct file reads are not allowed (" + shown + "); use the job's views");
            }
            throw visit.reject(RejectionCode.UNKNOWN_TABLE,
                    "only the job's views may be queried, by their bare name; " + shown + " is not one of "
                            + context.views().keySet());
        }
        String name = parts.get(0);
        if (looksLikePath(name)) {
            throw visit.reject(RejectionCode.FILE_READ, "direct file reads are not allowed (" + shown + ")");
        }
        if (!context.views().containsKey(name) && !visit.cteNamesInScope().contains(name)) {
            throw visit.reject(RejectionCode.UNKNOWN_TABLE,
                    "table " + shown + " is not one of the job's views " + context.views().keySet());
        }
        if (!relation.options().isEmpty()) {
            throw visit.reject(RejectionCode.FORBIDDEN_CONSTRUCT, "table options (WITH (...)) are not allowed on " + shown);
        }
        if (relation.isStreaming()) {
            throw visit.reject(RejectionCode.FORBIDDEN_CONSTRUCT, "streaming reads are not allowed");
        }
    }

    private static boolean looksLikePath(String part) {
        return part.contains("/") || part.contains("\\") || part.contains(":");
    }
}
