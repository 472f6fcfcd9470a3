package org.enclave.compute.aggregate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The statistical disclosure control record of an aggregate job, written into the report.
 *
 * <p>IMPORTANT (merge point): {@link #evaluate(String, SdcTable)} is the one call site of the
 * {@code policies} module. When it is merged, evaluate the named policy (primary rules, then secondary
 * suppression with its audit) on {@code table.toJson()} here and put its verdicts and reasons under
 * {@code "evaluation"}. Until then the record carries the table and says it was not evaluated, so
 * nothing downstream can mistake it for a checked output.
 */
public final class SdcRecord {

    private SdcRecord() {
    }

    public static ObjectNode evaluate(String policy, SdcTable table) {
        ObjectNode sdc = JsonNodeFactory.instance.objectNode();
        sdc.put("policy", policy);
        sdc.set("table", table.toJson());
        // MERGE: sdc.set("evaluation", PolicyEngine.load(policy).evaluate(table.toJson()).toJson());
        ObjectNode evaluation = sdc.putObject("evaluation");
        evaluation.put("status", "not-evaluated");
        evaluation.put("reason", "the policies module is not wired into compute yet");
        return sdc;
    }
}
