package org.enclave.compute.guard;

import java.util.Map;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * The statement must be a query: DDL, DML, SET/RESET, ADD JAR/FILE, CACHE, EXPLAIN, SHOW, USE, LOAD
 * DATA, EXECUTE IMMEDIATE and SQL scripts are refused here by kind, with a message naming it. A root
 * that is not a known statement goes on to the other checks, and anything unusual in it is still
 * refused by the allowlist.
 */
final class QueryRootCheck implements PlanCheck {

    private static final Map<String, String> STATEMENTS = Map.ofEntries(
            Map.entry("SetCommand", "SET"), Map.entry("ResetCommand", "RESET"),
            Map.entry("SetVariable", "SET VARIABLE"), Map.entry("CreateVariable", "DECLARE VARIABLE"),
            Map.entry("AddJarsCommand", "ADD JAR"), Map.entry("AddFilesCommand", "ADD FILE"),
            Map.entry("AddArchivesCommand", "ADD ARCHIVE"),
            Map.entry("CacheTable", "CACHE TABLE"), Map.entry("CacheTableAsSelect", "CACHE TABLE"),
            Map.entry("UncacheTable", "UNCACHE TABLE"), Map.entry("ClearCacheCommand$", "CLEAR CACHE"),
            Map.entry("CreateFunctionCommand", "CREATE FUNCTION"), Map.entry("CreateFunction", "CREATE FUNCTION"),
            Map.entry("CreateUserDefinedFunction", "CREATE FUNCTION"),
            Map.entry("ExplainCommand", "EXPLAIN"), Map.entry("InsertIntoStatement", "INSERT"),
            Map.entry("LoadData", "LOAD DATA"), Map.entry("SetCatalogAndNamespace", "USE"),
            Map.entry("AnalyzeTable", "ANALYZE"), Map.entry("AnalyzeColumn", "ANALYZE"),
            Map.entry("RepairTable", "MSCK REPAIR"), Map.entry("RefreshTable", "REFRESH"),
            Map.entry("RefreshResource", "REFRESH"), Map.entry("DescribeRelation", "DESCRIBE"),
            Map.entry("DescribeColumn", "DESCRIBE"), Map.entry("DescribeFunction", "DESCRIBE"),
            Map.entry("UnresolvedExecuteImmediate", "EXECUTE IMMEDIATE"), Map.entry("CompoundBody", "a SQL script"));

    @Override
    public void check(Visit visit, GuardContext context) {
        if (visit.parent() != null) {
            return;
        }
        Class<?> root = visit.node().getClass();
        String name = root.getSimpleName();
        if (!isStatement(visit.node(), name)) {
            return; // a query; its nodes are checked by the other rules, down to the allowlist
        }
        String statement = STATEMENTS.getOrDefault(name, statementKind(name));
        throw visit.reject(RejectionCode.NOT_A_QUERY,
                "only a single read-only query (SELECT, WITH, VALUES, TABLE) is allowed, not " + statement);
    }

    private static boolean isStatement(Object root, String name) {
        return root instanceof Command || STATEMENTS.containsKey(name)
                || name.endsWith("Command") || name.endsWith("Command$") || name.endsWith("Statement")
                || !(root instanceof LogicalPlan);
    }

    private static String statementKind(String className) {
        if (className.startsWith("Show")) {
            return "SHOW";
        }
        if (className.startsWith("Create") || className.startsWith("Drop") || className.startsWith("Alter")
                || className.startsWith("Rename") || className.startsWith("Replace")) {
            return "a DDL statement";
        }
        if (className.contains("Delete") || className.contains("Update") || className.contains("Merge")
                || className.contains("Insert") || className.contains("Overwrite")) {
            return "a DML statement";
        }
        return "a " + className.replace("$", "") + " statement";
    }
}
