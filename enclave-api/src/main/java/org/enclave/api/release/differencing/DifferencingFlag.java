package org.enclave.api.release.differencing;

/**
 * A pair of tables whose difference isolates a group of fewer units than the threshold. Visible to
 * checkers only: the difference itself is the disclosive figure.
 *
 * @param left    the table of the request
 * @param right   the other table (released earlier, or in the same request)
 * @param pattern which pattern found it ({@link DifferencingDetector})
 * @param group   the group the difference describes, e.g. {@code age_band=10-19, sex=*}
 * @param units   distinct units in that group (positive, below the threshold)
 * @param value   the derived value of the group: the difference of the two published figures
 */
public record DifferencingFlag(String left, String right, Pattern pattern, String group, long units, double value) {

    /** IMPORTANT: the ids are stored and shown to checkers; never change them. */
    public enum Pattern {
        /** The same group in both tables, with populations that differ by a few units (different row filters). */
        NESTED_POPULATIONS("nested-populations"),
        /** The same margin in both tables over category sets that differ by a small group. */
        CATEGORY_SETS("category-sets"),
        /** A margin of one table minus the published cells of the other over the same categories. */
        OVERLAPPING_MARGINS("overlapping-margins");

        private final String id;

        Pattern(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Pattern fromId(String id) {
            for (Pattern p : values()) {
                if (p.id.equals(id)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown differencing pattern " + id);
        }
    }
}
