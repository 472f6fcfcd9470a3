package org.enclave.api.catalogue;

import java.util.Locale;

/**
 * How the dummy-data generator treats a declared column type. Types are stored as declared (the
 * Parquet spelling the manifest uses: {@code int64}, {@code binary}, {@code decimal(10,2)}, ...) and
 * compared with the manifest after {@link #normalise}; this only groups them.
 */
public enum ColumnType {
    INTEGER, DECIMAL, BOOLEAN, DATE, TIMESTAMP, STRING, BINARY;

    public static String normalise(String declared) {
        return declared == null ? "" : declared.trim().toLowerCase(Locale.ROOT).replace(" ", "");
    }

    /**
     * The pseudonymiser's manifest spells a type as its Parquet physical type with the logical type in
     * brackets ({@code binary(string)}, {@code int64(decimal(18,2))}, {@code int32(date)},
     * {@code fixed_len_byte_array(32)}): the logical type, when there is one, decides.
     */
    private static final java.util.regex.Pattern ANNOTATED =
            java.util.regex.Pattern.compile("(binary|int32|int64|int96|fixed_len_byte_array|boolean|float|double)\\((.+)\\)");

    public static ColumnType of(String declared) {
        String t = normalise(declared);
        java.util.regex.Matcher annotated = ANNOTATED.matcher(t);
        if (annotated.matches() && !annotated.group(2).matches("\\d+")) {
            return of(annotated.group(2));
        }
        if (t.matches("int(8|16|32|64)?|integer|long|bigint|smallint|tinyint|short|byte")) {
            return INTEGER;
        }
        if (t.matches("double|float|real|decimal(\\(\\d+(,\\d+)?\\))?|numeric.*")) {
            return DECIMAL;
        }
        if (t.matches("bool(ean)?")) {
            return BOOLEAN;
        }
        if (t.equals("date")) {
            return DATE;
        }
        if (t.startsWith("timestamp")) {
            return TIMESTAMP;
        }
        if (t.matches("binary|bytes|fixed_len_byte_array.*")) {
            return BINARY;
        }
        return STRING;
    }
}
