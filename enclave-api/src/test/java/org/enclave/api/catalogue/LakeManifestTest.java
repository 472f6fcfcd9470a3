package org.enclave.api.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.enclave.api.platform.DomainException;
import org.enclave.api.support.LakeFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest reader: tolerant of unknown fields, strict on presence, files, checksums, counts and schema. */
class LakeManifestTest {

    @TempDir Path tmp;

    Path folder() throws IOException {
        return LakeFixture.write(tmp.resolve("stays/v1"), LakeFixture.COLUMNS);
    }

    static void rejected(Path folder, List<ColumnSpec> cols, String field, String message) {
        assertThatThrownBy(() -> LakeManifest.verify(folder, cols))
                .isInstanceOfSatisfying(DomainException.Invalid.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining("manifest rejected").hasMessageContaining(message);
    }

    @Test
    void acceptsAPseudonymiserShapedFolder() throws IOException {
        LakeManifest.Verified v = LakeManifest.verify(folder(), LakeFixture.COLUMNS);
        assertThat(v.rowsOut()).isEqualTo(99);
        assertThat(v.files()).isEqualTo(2);
        assertThat(v.manifestSha256()).hasSize(64);
    }

    @Test
    void columnOrderAndRoleSpellingDoNotMatter() throws IOException {
        List<ColumnSpec> reversed = new ArrayList<>(LakeFixture.COLUMNS);
        java.util.Collections.reverse(reversed);
        reversed.set(0, new ColumnSpec("cost", "DECIMAL(10, 2)", "ATTRIBUTE", "", null));
        assertThat(LakeManifest.verify(folder(), reversed).rowsOut()).isEqualTo(99);
    }

    @Test
    void acceptsTheRoleAndTypeSpellingsOfTheRealPseudonymiser() throws IOException {
        // The roles and types exactly as bin/pseudonymiser writes them into manifest.json.
        List<ColumnSpec> written = List.of(
                new ColumnSpec("csns", "fixed_len_byte_array(32)", "identifier", "", null),
                new ColumnSpec("birth_date", "binary(string)", "quasi", "", null),
                new ColumnSpec("cost", "int64(decimal(18,2))", "attribute", "", null));
        Path f = LakeFixture.write(tmp.resolve("people/v1"), written);
        List<ColumnSpec> declared = List.of(
                new ColumnSpec("csns", "fixed_len_byte_array(32)", "identifier", "", null),
                new ColumnSpec("birth_date", "binary(string)", "quasi-identifier", "", null),
                new ColumnSpec("cost", "int64(decimal(18,2))", "attribute", "", null));
        assertThat(LakeManifest.verify(f, declared).rowsOut()).isEqualTo(99);
        assertThat(LakeManifest.verify(f, written).rowsOut()).isEqualTo(99);
        assertThat(ColumnRole.parse("role", "quasi")).isEqualTo(ColumnRole.QUASI_IDENTIFIER);
    }

    @Test
    void refusesAMissingManifest() throws IOException {
        Path f = folder();
        Files.delete(f.resolve("manifest.json"));
        rejected(f, LakeFixture.COLUMNS, "location", "no manifest.json");
    }

    @Test
    void refusesAChangedDataFile() throws IOException {
        Path f = folder();
        byte[] bytes = Files.readAllBytes(f.resolve("part-00000.parquet"));
        bytes[100] ^= 1;
        Files.write(f.resolve("part-00000.parquet"), bytes);
        rejected(f, LakeFixture.COLUMNS, "location", "does not match its SHA-256");
    }

    @Test
    void refusesAMissingOrResizedFile() throws IOException {
        Path f = folder();
        Files.writeString(f.resolve("quarantine.csv"), "line,reason\n");
        rejected(f, LakeFixture.COLUMNS, "location", "size");
        Files.delete(f.resolve("quarantine.csv"));
        rejected(f, LakeFixture.COLUMNS, "location", "missing: quarantine.csv");
    }

    @Test
    void refusesFilesOutsideTheFolder() throws IOException {
        Path f = folder();
        String m = Files.readString(f.resolve("manifest.json")).replace("\"name\":\"quarantine.csv\"", "\"name\":\"../../etc/passwd\"");
        Files.writeString(f.resolve("manifest.json"), m);
        rejected(f, LakeFixture.COLUMNS, "location", "outside the folder");
    }

    @Test
    void refusesRowCountsThatDoNotAddUp() throws IOException {
        Path f = folder();
        Files.writeString(f.resolve("manifest.json"), Files.readString(f.resolve("manifest.json")).replace("\"out\":99", "\"out\":98"));
        rejected(f, LakeFixture.COLUMNS, "location", "rows.in must equal");
    }

    @Test
    void refusesAnUnknownVersionOrGarbage() throws IOException {
        Path f = folder();
        Files.writeString(f.resolve("manifest.json"), Files.readString(f.resolve("manifest.json")).replace("\"manifestVersion\":1", "\"manifestVersion\":2"));
        rejected(f, LakeFixture.COLUMNS, "location", "manifestVersion");
        Files.writeString(f.resolve("manifest.json"), "{not json");
        rejected(f, LakeFixture.COLUMNS, "location", "not readable JSON");
    }

    @Test
    void refusesADeclaredSchemaThatDiffers() throws IOException {
        Path f = folder();
        List<ColumnSpec> wrongType = new ArrayList<>(LakeFixture.COLUMNS);
        wrongType.set(3, new ColumnSpec("stay_days", "int64", "attribute", "", null));
        rejected(f, wrongType, "columns", "stay_days has type int32 in the manifest, declared int64");
        List<ColumnSpec> wrongRole = new ArrayList<>(LakeFixture.COLUMNS);
        wrongRole.set(1, new ColumnSpec("age_band", "string", "attribute", "", null));
        rejected(f, wrongRole, "columns", "age_band has role quasi-identifier");
        List<ColumnSpec> missing = new ArrayList<>(LakeFixture.COLUMNS.subList(0, 4));
        rejected(f, missing, "columns", "cost is in the manifest but not declared");
        List<ColumnSpec> extra = new ArrayList<>(LakeFixture.COLUMNS);
        extra.add(new ColumnSpec("nir", "string", "identifier", "", null));
        rejected(f, extra, "columns", "nir is declared but not in the manifest");
    }
}
