package org.enclave.api.catalogue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Synthetic CSV generated from a version's declared schema alone: column names, types and declared
 * value sets. It never opens the lake, so no value can come from the real data; identifiers are fresh
 * random hex that links to nothing. Researchers write and test their SQL against it before approval.
 * The same version and row count give the same file (the seed is the version's identity).
 */
public final class DummyData {

    public static final int MAX_ROWS = 1000;

    private DummyData() {
    }

    public static String csv(DatasetVersion version, int rows) {
        SplittableRandom random = new SplittableRandom((version.datasetId().value().getLeastSignificantBits() * 31) + version.number());
        StringBuilder out = new StringBuilder();
        out.append(version.columns().stream().map(c -> quote(c.name())).collect(Collectors.joining(","))).append("\r\n");
        for (int row = 0; row < rows; row++) {
            int r = row;
            out.append(version.columns().stream().map(c -> quote(value(c, r, random))).collect(Collectors.joining(",")))
                    .append("\r\n");
        }
        return out.toString();
    }

    private static String value(ColumnSpec column, int row, SplittableRandom random) {
        List<String> set = column.values();
        if (set != null && !set.isEmpty()) {
            return set.get(random.nextInt(set.size()));
        }
        return switch (ColumnType.of(column.type())) {
            case INTEGER -> Integer.toString(random.nextInt(0, 1000));
            case DECIMAL -> String.format(java.util.Locale.ROOT, "%.2f", random.nextDouble(0, 10_000));
            case BOOLEAN -> Boolean.toString(random.nextBoolean());
            case DATE -> LocalDate.of(2015, 1, 1).plusDays(random.nextInt(3650)).toString();
            case TIMESTAMP -> LocalDateTime.of(2015, 1, 1, 0, 0).plusSeconds(random.nextLong(315_360_000L))
                    .atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            case BINARY -> {
                byte[] bytes = new byte[32];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) random.nextInt(256);
                }
                yield HexFormat.of().formatHex(bytes);
            }
            case STRING -> column.name() + "_" + (row + 1);
        };
    }

    private static String quote(String value) {
        boolean needs = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
        return needs ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
