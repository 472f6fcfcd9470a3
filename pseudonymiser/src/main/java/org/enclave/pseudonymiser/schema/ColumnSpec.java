package org.enclave.pseudonymiser.schema;

/**
 * One declared input column.
 *
 * @param name        input column name (header cell / Parquet field name)
 * @param role        identifier, quasi or attribute
 * @param kind        for identifiers: {@code NIR} or {@code DROP}; null otherwise
 * @param type        for quasi/attribute; null for identifiers
 * @param generalise  for quasi (never null there); {@link Generalisation.None} for attributes; null for identifiers
 * @param scale       decimal places of a {@code decimal} column (default 2)
 * @param dateFormat  input format of a {@code date} column
 */
public record ColumnSpec(String name, Role role, IdentifierKind kind, ValueType type, Generalisation generalise,
                         int scale, DateFormat dateFormat) {

    /** Kinds of direct identifier. */
    public enum IdentifierKind { NIR, DROP }

    /** Accepted input date layouts. */
    public enum DateFormat {
        ISO("yyyy-MM-dd"), FRENCH("dd/MM/yyyy");

        private final String pattern;

        DateFormat(String pattern) {
            this.pattern = pattern;
        }

        public String pattern() {
            return pattern;
        }
    }

    public boolean isNir() {
        return kind == IdentifierKind.NIR;
    }

    public boolean isDropped() {
        return kind == IdentifierKind.DROP;
    }
}
