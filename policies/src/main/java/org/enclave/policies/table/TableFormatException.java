package org.enclave.policies.table;

/**
 * A table that does not follow the table format (docs/table-format.md) or is inconsistent
 * (a margin that is not the sum of its cells, a negative count...). A domain error: the caller
 * gave bad input. The message names the source and the place, e.g.
 * {@code table.json: cells[3].key: expected 2 entries, found 3}; it never holds a cell's figures.
 */
public final class TableFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String place;
    private final String problem;

    /**
     * @param source  the file name or another name of the input (e.g. {@code "table"}), not {@code null}
     * @param place   where in the input, e.g. {@code cells[3].key} or {@code line 4, column 12}; may be empty
     * @param problem what is wrong, in a few words
     */
    public TableFormatException(String source, String place, String problem) {
        super(source + ": " + (place == null || place.isEmpty() ? "" : place + ": ") + problem);
        this.source = source;
        this.place = place == null ? "" : place;
        this.problem = problem;
    }

    public String source() {
        return source;
    }

    public String place() {
        return place;
    }

    public String problem() {
        return problem;
    }
}
