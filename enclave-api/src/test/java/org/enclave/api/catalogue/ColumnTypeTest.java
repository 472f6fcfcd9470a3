package org.enclave.api.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pseudonymiser's manifest spells types as physical(logical) and the quasi role as "quasi". */
class ColumnTypeTest {

    @Test
    void theLogicalTypeDecides() {
        assertThat(ColumnType.of("fixed_len_byte_array(32)")).isEqualTo(ColumnType.BINARY);
        assertThat(ColumnType.of("binary(string)")).isEqualTo(ColumnType.STRING);
        assertThat(ColumnType.of("int64(decimal(18,2))")).isEqualTo(ColumnType.DECIMAL);
        assertThat(ColumnType.of("int32(date)")).isEqualTo(ColumnType.DATE);
        assertThat(ColumnType.of("int32")).isEqualTo(ColumnType.INTEGER);
        assertThat(ColumnType.of("binary")).isEqualTo(ColumnType.BINARY);
    }

    @Test
    void quasiIsAQuasiIdentifier() {
        assertThat(ColumnRole.parse("role", "quasi")).isEqualTo(ColumnRole.QUASI_IDENTIFIER);
        assertThat(ColumnRole.parse("role", "quasi-identifier")).isEqualTo(ColumnRole.QUASI_IDENTIFIER);
    }
}
