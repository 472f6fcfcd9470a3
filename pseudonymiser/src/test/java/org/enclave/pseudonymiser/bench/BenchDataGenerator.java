package org.enclave.pseudonymiser.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.enclave.pseudonymiser.testing.NirFixtures;

/**
 * Deterministic benchmark input: {@code nir} and six quasi/attribute columns, ~0.1% wrong check keys and ~0.5%
 * temporary NIRs. Usage: {@code BenchDataGenerator FILE ROWS [SEED]}. Also writes FILE's schema next to it.
 */
public final class BenchDataGenerator {
    public static final String SCHEMA = """
        dataset: bench_stays
        columns:
          - {name: nir,        role: identifier, kind: nir}
          - {name: birth_date, role: quasi, type: date, generalise: year-month}
          - {name: commune,    role: quasi, type: string, generalise: departement}
          - {name: age,        role: quasi, type: int, generalise: {band: 5, top: 90}}
          - {name: sex,        role: attribute, type: string}
          - {name: admission,  role: attribute, type: date}
          - {name: cost,       role: attribute, type: decimal}
        """;
    public static final String HEADER = "nir,birth_date,commune,age,sex,admission,cost\n";

    private BenchDataGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long rows = Long.parseLong(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42L;
        generate(file, rows, seed);
        Files.writeString(Path.of(file + ".schema.yaml"), SCHEMA);
    }

    public static void generate(Path file, long rows, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        NirFixtures nirs = new NirFixtures(seed);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(HEADER.getBytes(StandardCharsets.US_ASCII));
            StringBuilder sb = new StringBuilder(128);
            for (long i = 0; i < rows; i++) {
                sb.setLength(0);
                int kind = r.nextInt(1000);
                String body = nirs.body(kind < 5);
                sb.append(kind == 999 ? NirFixtures.withWrongKey(body) : NirFixtures.withKey(body)).append(',');
                int y = 1925 + r.nextInt(99);
                int m = 1 + r.nextInt(12);
                int d = 1 + r.nextInt(28);
                sb.append(y).append('-').append(m < 10 ? "0" : "").append(m).append('-').append(d < 10 ? "0" : "")
                    .append(d).append(',');
                int dep = 1 + r.nextInt(95);
                sb.append(dep < 10 ? "0" : "").append(dep == 20 ? "2A" : Integer.toString(dep));
                int c = 1 + r.nextInt(899);
                sb.append(c < 10 ? "00" : c < 100 ? "0" : "").append(c).append(',');
                sb.append(r.nextInt(100)).append(',');
                sb.append(r.nextBoolean() ? 'F' : 'M').append(',');
                int ay = 2015 + r.nextInt(10);
                int am = 1 + r.nextInt(12);
                int ad = 1 + r.nextInt(28);
                sb.append(ay).append('-').append(am < 10 ? "0" : "").append(am).append('-').append(ad < 10 ? "0" : "")
                    .append(ad).append(',');
                sb.append(r.nextInt(50000)).append('.').append(r.nextInt(10)).append(r.nextInt(10)).append('\n');
                for (int k = 0; k < sb.length(); k++) {
                    out.write(sb.charAt(k));
                }
            }
        }
    }
}
