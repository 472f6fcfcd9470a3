package org.enclave.pseudonymiser.schema;

/** How a quasi-identifier is coarsened at ingest. */
public sealed interface Generalisation {
    /** Keep the value (typed). Must be written explicitly for a quasi-identifier: {@code generalise: none}. */
    record None() implements Generalisation { }

    /** A date becomes {@code YYYY-MM} (string). */
    record YearMonth() implements Generalisation { }

    /** A date becomes its year (int). */
    record Year() implements Generalisation { }

    /**
     * An INSEE commune code (5 characters) becomes its département: the first two characters ({@code 01}..{@code 95},
     * {@code 2A}, {@code 2B}) or three for overseas codes starting {@code 97} or {@code 98}.
     */
    record Departement() implements Generalisation { }

    /**
     * An integer becomes the label of its band: {@code lo-hi} with {@code lo = floor(v / width) * width}, and
     * {@code top+} for every value at or above {@code top} (when given).
     */
    record Band(int width, Integer top) implements Generalisation { }

    /** The schema-file spelling, for manifests. */
    default String describe() {
        if (this instanceof None) {
            return "none";
        } else if (this instanceof YearMonth) {
            return "year-month";
        } else if (this instanceof Year) {
            return "year";
        } else if (this instanceof Departement) {
            return "departement";
        }
        Band b = (Band) this;
        return "band " + b.width() + (b.top() == null ? "" : ", top " + b.top());
    }
}
