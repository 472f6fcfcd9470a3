package org.enclave.compute.job;

import java.util.List;

/**
 * One granted table: it becomes a view named {@code name} holding only {@code columns}, with
 * {@code csns} (if granted) replaced by {@code pid}.
 *
 * @param name    view name, a simple identifier, unique in the job (case-insensitive)
 * @param path    location of one immutable dataset version (Parquet); any Hadoop filesystem URI or path
 * @param columns granted columns of the stored table, at least one, unique, never {@code pid}
 */
public record TableSpec(String name, String path, List<String> columns) {

    /** The name of the stored column that holds the CSNS. */
    public static final String CSNS = "csns";
    /** The name SQL sees instead: the project pseudonym. */
    public static final String PID = "pid";

    public TableSpec {
        columns = List.copyOf(columns);
    }

    /** The columns as SQL sees them: {@code csns} shows as {@code pid}. */
    public List<String> visibleColumns() {
        return columns.stream().map(c -> c.equals(CSNS) ? PID : c).toList();
    }
}
