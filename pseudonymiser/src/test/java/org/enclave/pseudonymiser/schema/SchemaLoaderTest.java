package org.enclave.pseudonymiser.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaLoaderTest {
    static final String ISSUE_EXAMPLE = """
        dataset: hospital_stays
        columns:
          - {name: nir,        role: identifier, kind: nir}
          - {name: last_name,  role: identifier, kind: drop}
          - {name: birth_date, role: quasi, type: date, generalise: year-month}
          - {name: commune,    role: quasi, type: string, generalise: departement}
          - {name: age,        role: quasi, type: int, generalise: {band: 5, top: 90}}
          - {name: cost,       role: attribute, type: decimal}
        """;

    @Test
    void issueExample() throws Exception {
        DatasetSchema s = SchemaLoader.parse(ISSUE_EXAMPLE);
        assertThat(s.dataset()).isEqualTo("hospital_stays");
        assertThat(s.outputColumns()).extracting(OutputColumn::name)
            .containsExactly("csns", "birth_date", "commune", "age", "cost");
        assertThat(s.outputColumns()).extracting(c -> c.type().parquet(c.scale()))
            .containsExactly("fixed_len_byte_array(32)", "binary(string)", "binary(string)", "binary(string)",
                "int64(decimal(18,2))");
        assertThat(s.droppedColumns()).containsExactly("last_name");
        assertThat(s.column("age").generalise()).isEqualTo(new Generalisation.Band(5, 90));
    }

    @Test
    void bindNamesUndeclaredAndMissingColumns() throws Exception {
        DatasetSchema s = SchemaLoader.parse(ISSUE_EXAMPLE);
        assertThat(s.bind(List.of("cost", "nir", "last_name", "birth_date", "commune", "age")))
            .containsExactly(1, 2, 3, 4, 5, 0);
        assertThatThrownBy(() -> s.bind(List.of("nir", "last_name", "birth_date", "commune", "age", "cost", "email")))
            .isInstanceOf(SchemaException.class).hasMessageContaining("'email' is not declared");
        assertThatThrownBy(() -> s.bind(List.of("nir", "last_name", "birth_date", "commune", "age")))
            .hasMessageContaining("'cost' is declared in the schema but missing from the input");
        assertThatThrownBy(() -> s.bind(List.of("nir", "nir", "last_name", "birth_date", "commune", "age", "cost")))
            .hasMessageContaining("'nir' appears twice");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{name: x, role: secret, type: string}|column 'x': unknown role 'secret'",
        "{name: x, role: identifier, kind: hash}|column 'x': unknown kind 'hash'",
        "{name: x, role: attribute, type: float}|column 'x': unknown type 'float'",
        "{name: x, role: quasi, type: date, generalise: decade}|column 'x': unknown generalise 'decade'",
        "{name: x, role: quasi, type: string}|column 'x': a quasi-identifier needs 'generalise'",
        "{name: x, role: quasi, type: string, generalise: {band: 5}}|column 'x': generalise {band: ...} applies to int or long only",
        "{name: x, role: quasi, type: int, generalise: year}|column 'x': generalise 'year' applies to type date only",
        "{name: x, role: attribute, type: string, colour: red}|column 'x': unknown key 'colour'",
        "{name: x, role: attribute, type: string, generalise: none}|column 'x': 'generalise' does not apply",
        "{name: NIR, role: attribute, type: string}|column 'NIR' is declared twice (as 'nir'",
        "{name: CSNS, role: attribute, type: string}|column 'CSNS' clashes with the output column 'csns'",
        "{name: y, role: identifier, kind: nir}|exactly one column with role: identifier, kind: nir (found 2)",
        "{name: x, role: quasi, type: int, generalise: {band: 0}}|column 'x': 'band' must be a positive integer",
    })
    void strictErrorsNameTheColumn(String extraColumn, String message) {
        String yaml = "dataset: d\ncolumns:\n  - {name: nir, role: identifier, kind: nir}\n  - " + extraColumn + "\n";
        assertThatThrownBy(() -> SchemaLoader.parse(yaml)).isInstanceOf(SchemaException.class)
            .hasMessageContaining(message);
    }

    @Test
    void topLevelErrors() {
        assertThatThrownBy(() -> SchemaLoader.parse("columns: []")).hasMessageContaining("'dataset'");
        assertThatThrownBy(() -> SchemaLoader.parse("dataset: d\ncolumns: []")).hasMessageContaining("non-empty");
        assertThatThrownBy(() -> SchemaLoader.parse("dataset: d\ncolumns: [{name: nir, role: identifier, kind: nir}]\nextra: 1"))
            .hasMessageContaining("unknown key 'extra'");
        assertThatThrownBy(() -> SchemaLoader.parse("dataset: d\ndataset: e\ncolumns: []")).hasMessageContaining("YAML");
        assertThatThrownBy(() -> SchemaLoader.parse("dataset: d\ncolumns: [{name: x, role: attribute, type: int}]"))
            .hasMessageContaining("exactly one column");
    }
}
