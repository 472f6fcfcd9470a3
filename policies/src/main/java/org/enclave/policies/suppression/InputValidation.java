package org.enclave.policies.suppression;

/**
 * Checks a {@link SuppressionInput} against its {@link TableStructure} before any LP is built.
 *
 * <p>IMPORTANT: messages name cell indices and constraint kinds only, never a cell value: they may be
 * logged or shown to a researcher, and the values of primary cells are what we are protecting.
 */
final class InputValidation {

    /** Relative slack for additivity: the table comes from double sums, so it is exact up to rounding. */
    static final double ADDITIVITY_RELATIVE_TOLERANCE = 1e-9;

    private InputValidation() {
    }

    static void check(SuppressionInput input, TableStructure structure) {
        double[] values = input.values();
        for (int c = 0; c < values.length; c++) {
            if (!Double.isFinite(values[c])) {
                throw new IllegalArgumentException("cell " + c + ": value must be finite");
            }
            if (input.nonNegative() && values[c] < 0) {
                throw new IllegalArgumentException("cell " + c + ": negative value in a table declared non-negative");
            }
            checkLevel(c, input.upperProtection()[c], "upper");
            checkLevel(c, input.lowerProtection()[c], "lower");
        }
        for (int k = 0; k < structure.constraintCount(); k++) {
            int parent = structure.parent(k);
            double sum = 0;
            double magnitude = Math.abs(values[parent]);
            for (int child : structure.children(k)) {
                sum += values[child];
                magnitude += Math.abs(values[child]);
            }
            if (Math.abs(values[parent] - sum) > ADDITIVITY_RELATIVE_TOLERANCE * Math.max(1.0, magnitude)) {
                throw new IllegalArgumentException("cell " + parent + ": margin is not the sum of its "
                        + structure.children(k).length + " cells (table not additive)");
            }
        }
    }

    static void checkPattern(SuppressionInput input, boolean[] suppressed) {
        if (suppressed == null) {
            throw new IllegalArgumentException("suppressed must not be null");
        }
        if (suppressed.length != input.cellCount()) {
            throw new IllegalArgumentException("suppressed must have " + input.cellCount() + " entries");
        }
        for (int c = 0; c < suppressed.length; c++) {
            if (input.primary()[c] && !suppressed[c]) {
                // Fail closed: a published primary has no interval, so a caller checking only the
                // returned intervals would otherwise miss it.
                throw new IllegalArgumentException("cell " + c + ": primary cell is not suppressed");
            }
        }
    }

    private static void checkLevel(int cell, double level, String which) {
        if (!Double.isFinite(level) || level < 0) {
            throw new IllegalArgumentException("cell " + cell + ": " + which + " protection must be finite and >= 0");
        }
    }
}
