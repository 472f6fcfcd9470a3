package org.enclave.pseudonymiser.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CsvSplitTest {

    static List<List<String>> read(String csv) throws Exception {
        CsvChunkReader r = new CsvChunkReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
            CsvOptions.of(",", "UTF-8"), MessageDigest.getInstance("SHA-256"), new AtomicLong());
        List<List<String>> out = new ArrayList<>();
        out.add(r.readHeader());
        FieldBuffer fb = new FieldBuffer(8);
        RecordBatch b;
        while ((b = r.next()) != null) {
            for (int i = 0; i < b.size(); i++) {
                int status = b.fields(i, r.columns(), fb);
                List<String> row = new ArrayList<>();
                if (status != RecordBatch.OK) {
                    row.add(status == RecordBatch.COLUMN_COUNT ? "#column-count" : "#bad-quoting");
                } else {
                    for (int f = 0; f < fb.count(); f++) {
                        row.add(new String(fb.data(f), fb.offset(f), fb.length(f), StandardCharsets.UTF_8));
                    }
                }
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void rfc4180Fields() throws Exception {
        assertThat(read("a,b,c\r\n1,\"x,y\",\"he said \"\"hi\"\"\"\r\n\n2,\"multi\nline\",\r\n3,,\"\""))
            .containsExactly(List.of("a", "b", "c"), List.of("1", "x,y", "he said \"hi\""),
                List.of("2", "multi\nline", ""), List.of("3", "", ""));
    }

    @Test
    void badRowsAreReportedPerRow() throws Exception {
        assertThat(read("a,b\n1,2,3\n1\n\"x\"y,2\nab\"c\"d,2\n5,6\n"))
            .containsExactly(List.of("a", "b"), List.of("#column-count"), List.of("#column-count"),
                List.of("#bad-quoting"), List.of("#bad-quoting"), List.of("5", "6"));
    }

    @Test
    void quoteLeftOpenAtEndOfFileIsAFileError() {
        assertThatThrownBy(() -> read("a,b\n1,2\n3,\"unclosed\n4,5\n")).isInstanceOf(InputException.class)
            .hasMessageContaining("unbalanced quote").hasMessageContaining("data row 2");
    }

    @Test
    void emptyFileAndBomAndUtf16() throws Exception {
        assertThatThrownBy(() -> read("")).hasMessageContaining("input is empty");
        assertThatThrownBy(() -> read("\n\r\n")).hasMessageContaining("input is empty");
        assertThat(read("\uFEFFa,b\n1,2").get(0)).containsExactly("a", "b");
        byte[] utf16 = "a,b\n".getBytes(StandardCharsets.UTF_16);
        CsvChunkReader r = new CsvChunkReader(new ByteArrayInputStream(utf16), CsvOptions.of(",", "UTF-8"),
            MessageDigest.getInstance("SHA-256"), new AtomicLong());
        assertThatThrownBy(r::readHeader).hasMessageContaining("UTF-16");
    }

    @Test
    void batchesSpanBlocksWithoutLosingRecords() throws Exception {
        StringBuilder sb = new StringBuilder("a,b\n");
        int n = 300_000;
        for (int i = 0; i < n; i++) {
            sb.append(i).append(",\"v").append(i % 7 == 0 ? "\n" : "").append("\"\n");
        }
        List<List<String>> rows = read(sb.toString());
        assertThat(rows).hasSize(n + 1);
        assertThat(rows.get(n)).containsExactly(Integer.toString(n - 1), "v" + ((n - 1) % 7 == 0 ? "\n" : ""));
    }

    @Test
    void optionsRejectNonAsciiCompatibleEncodings() {
        assertThatThrownBy(() -> CsvOptions.of(",", "UTF-16")).hasMessageContaining("not ASCII-compatible");
        assertThatThrownBy(() -> CsvOptions.of(",,", "UTF-8")).hasMessageContaining("delimiter");
        assertThat(CsvOptions.of("tab", "ISO-8859-1").delimiter()).isEqualTo((byte) '\t');
    }
}
