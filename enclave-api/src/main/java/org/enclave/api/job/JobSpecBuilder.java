package org.enclave.api.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.enclave.api.catalogue.DatasetId;
import org.enclave.api.catalogue.Sensitivity;
import org.enclave.api.platform.DomainException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds compute's job spec (docs/job-contract.md, version 1) from the grant alone. Pure: no Spring,
 * no I/O, so {@code JobSpecBuilderTest} pins it.
 *
 * <ul>
 *   <li>tables: every granted dataset's version, named by the dataset name, at its lake folder;</li>
 *   <li>columns: the version's stored columns that are granted, plus {@code csns} always (compute turns
 *       it into the project pseudonym {@code pid}, the unit); never {@code pid} itself;</li>
 *   <li>policy: the strictest tier of the datasets involved (compute takes one tier name);</li>
 *   <li>limits and output folder: from configuration and the job id.</li>
 * </ul>
 */
public final class JobSpecBuilder {

    /** The unit key column as the pseudonymiser stores it; compute exposes it as {@code pid}. */
    public static final String CSNS = "csns";
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * A granted dataset version as the job sees it.
     *
     * @param storedColumns the version's columns, as registered
     * @param granted       the columns the grant allows for the dataset
     */
    public record GrantedTable(DatasetId dataset, String name, int version, Path location, List<String> storedColumns,
                               Set<String> granted, Sensitivity sensitivity) {
    }

    /** The policy tiers of the policies module, weakest first. */
    public enum Tier {
        OPEN, STANDARD, HEALTH;

        /**
         * LOW data are open; MODERATE standard; HIGH and VERY_HIGH (health and other special-category
         * data) health. IMPORTANT: a change here changes which rules release checks apply.
         */
        public static Tier of(Sensitivity s) {
            return switch (s) {
                case LOW -> OPEN;
                case MODERATE -> STANDARD;
                case HIGH, VERY_HIGH -> HEALTH;
            };
        }

        public String spelling() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The spec, and what went into it that the job row keeps. */
    public record Built(ObjectNode spec, List<DatasetUse> datasets, String policy) {
    }

    private JobSpecBuilder() {
    }

    /** @throws DomainException.Conflict when the grant gives the job nothing to read */
    public static Built build(Analysis analysis, List<GrantedTable> granted, int limitSeconds, int maxRows, Path outputDir) {
        List<GrantedTable> tables = new ArrayList<>(granted);
        tables.sort(Comparator.comparing(GrantedTable::name));
        ObjectNode spec = JSON.createObjectNode();
        spec.put("specVersion", 1);
        ArrayNode specTables = spec.putArray("tables");
        List<DatasetUse> uses = new ArrayList<>();
        Tier tier = Tier.OPEN;
        for (GrantedTable t : tables) {
            List<String> columns = new ArrayList<>();
            for (String c : t.storedColumns()) {
                if (c.equalsIgnoreCase(CSNS) || (t.granted().contains(c) && !c.equalsIgnoreCase("pid"))) {
                    columns.add(c);
                }
            }
            if (columns.isEmpty() || !TABLE_NAME.matcher(t.name()).matches()) {
                continue;
            }
            ObjectNode table = specTables.addObject();
            table.put("name", t.name());
            table.put("path", t.location().toString());
            columns.forEach(table.putArray("columns")::add);
            uses.add(new DatasetUse(t.dataset(), t.name(), t.version()));
            Tier own = Tier.of(t.sensitivity());
            tier = own.compareTo(tier) > 0 ? own : tier;
        }
        if (uses.isEmpty()) {
            throw new DomainException.Conflict("the project's grant gives this workspace no table to read");
        }
        spec.put("sql", analysis.sql());
        spec.set("output", analysis.output().deepCopy());
        spec.put("policy", tier.spelling());
        ObjectNode limits = spec.putObject("limits");
        limits.put("seconds", limitSeconds);
        limits.put("maxRows", maxRows);
        spec.put("outputDir", outputDir.toString());
        return new Built(spec, List.copyOf(uses), tier.spelling());
    }
}
