package org.enclave.pseudonymiser.schema;

/**
 * One column of the pseudonymised Parquet output.
 *
 * @param name   output name ({@code csns} for the NIR column)
 * @param type   physical/logical type written
 * @param role   role of the source column
 * @param source the declared input column it comes from
 * @param generalisation schema spelling of the generalisation applied, or {@code none}
 * @param scale  decimal scale (only for {@link OutputType#DECIMAL})
 */
public record OutputColumn(String name, OutputType type, Role role, String source, String generalisation, int scale) {

    /** Output types, with the Parquet spelling used in the manifest. */
    public enum OutputType {
        /** {@code FIXED_LEN_BYTE_ARRAY(32)}, required: the CSNS (binary, never hex). */
        CSNS("fixed_len_byte_array(32)"),
        /** {@code BINARY (STRING)}, optional. */
        STRING("binary(string)"),
        /** {@code INT32}, optional. */
        INT32("int32"),
        /** {@code INT64}, optional. */
        INT64("int64"),
        /** {@code INT64 (DECIMAL(18, scale))}, optional. */
        DECIMAL("int64(decimal(18,scale))"),
        /** {@code INT32 (DATE)}, optional. */
        DATE("int32(date)");

        private final String parquet;

        OutputType(String parquet) {
            this.parquet = parquet;
        }

        public String parquet(int scale) {
            return this == DECIMAL ? "int64(decimal(18," + scale + "))" : parquet;
        }
    }
}
