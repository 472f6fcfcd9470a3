package org.enclave.compute.guard;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * An analysis the guard accepted: a single read-only query over the job's views only, using only
 * allowlisted constructs and functions. The only type the job runner executes.
 *
 * <p>IMPORTANT: the runner executes {@link #plan()}, the very tree the guard checked, never the SQL
 * text parsed again: a second parse (with another configuration, or after variable substitution)
 * could yield a different plan than the one validated.
 */
public final class ValidatedAnalysis {

    private final String sql;
    private final Map<String, List<String>> views;
    private final LogicalPlan plan;

    /** Only {@link AnalysisGuard} creates these. */
    ValidatedAnalysis(String sql, Map<String, List<String>> views, LogicalPlan plan) {
        this.sql = sql;
        this.views = views;
        this.plan = plan;
    }

    /** The SQL text as submitted (for the report and the audit trail). */
    public String sql() {
        return sql;
    }

    /** The views the analysis was validated against: name to visible columns, lower case. */
    public Map<String, List<String>> views() {
        return views;
    }

    /** The unresolved logical plan the guard checked; resolve it against the job's views only. */
    public LogicalPlan plan() {
        return plan;
    }

    @Override
    public String toString() {
        return "ValidatedAnalysis[views=" + views.keySet() + "]";
    }
}
