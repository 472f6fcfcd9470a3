package org.enclave.api.release;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.enclave.api.platform.DomainException;
import org.enclave.api.release.differencing.PublishedTable;
import org.enclave.policies.Statistic;
import org.enclave.policies.check.CheckResult;
import org.enclave.policies.check.DisclosureCheck;
import org.enclave.policies.policy.Policy;
import org.enclave.policies.policy.PolicyConfigException;
import org.enclave.policies.policy.PolicyLoader;
import org.enclave.policies.table.CellTable;
import org.enclave.policies.table.TableFormatException;
import org.enclave.policies.table.TableReader;

/**
 * The API's own evaluation of an output (defence in depth, docs/architecture.md): the stored cell table is
 * checked again with {@code policies}' {@link DisclosureCheck} under the job's policy, at submission and
 * again at release. Compute's verdict is never trusted alone. The portal shows checkers (and researchers,
 * for their own jobs) the result of this same evaluation, so what a page shows is what is enforced.
 */
public final class OutputCheck {

    private OutputCheck() {
    }

    /**
     * The policy named by a job: a tier or file as {@link PolicyLoader#load(String)} reads it, or several
     * joined by {@code +}, combined with {@link Policy#strictest} like the CLI's repeated {@code --policy}.
     *
     * @throws DomainException.Invalid when a part is not a known policy
     */
    static Policy policy(String spec) {
        try {
            Policy policy = null;
            for (String part : spec.split("\\+", -1)) {
                if (part.isBlank()) {
                    throw new DomainException.Invalid("policy", "policy " + spec + " has an empty part");
                }
                Policy next = PolicyLoader.load(part.trim());
                policy = policy == null ? next : Policy.strictest(policy, next);
            }
            return policy;
        } catch (PolicyConfigException e) {
            throw new DomainException.Invalid("policy", e.getMessage());
        }
    }

    /**
     * Checks the table under the policy.
     *
     * @param source the output's name, used in error messages (which never carry a cell's figures)
     * @throws DomainException.Invalid when the table is malformed, inconsistent, or a regression output
     */
    public static CheckResult evaluate(String cellTableJson, String policySpec, String source) {
        Policy policy = policy(policySpec);
        try {
            CellTable table = TableReader.read(new ByteArrayInputStream(cellTableJson.getBytes(StandardCharsets.UTF_8)), source);
            if (table.statistic() == Statistic.REGRESSION) {
                throw new DomainException.Invalid("jobId", source + ": regression outputs cannot be released by this version");
            }
            return new DisclosureCheck(policy).check(table, source);
        } catch (TableFormatException e) {
            throw new DomainException.Invalid("jobId", e.getMessage());
        }
    }

    /** The published part of a checked table, with the true units and values, for the differencing ledger. */
    static PublishedTable published(String ref, CheckResult result) {
        CellTable t = result.table();
        Map<String, SortedSet<String>> categories = new LinkedHashMap<>();
        for (String d : t.dimensions()) {
            categories.put(d, new TreeSet<>());
        }
        List<PublishedTable.PublishedCell> cells = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            List<String> key = t.key(i);
            for (int d = 0; d < key.size(); d++) {
                if (key.get(d) != null) {
                    categories.get(t.dimensions().get(d)).add(key.get(d));
                }
            }
            if (!result.suppressed(i)) {
                cells.add(new PublishedTable.PublishedCell(key, t.units(i), t.publishedValue(i)));
            }
        }
        return new PublishedTable(ref, t.dimensions(), t.statistic().id(), t.measure(), categories, cells);
    }
}
