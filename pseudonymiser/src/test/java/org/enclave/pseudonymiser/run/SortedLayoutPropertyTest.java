package org.enclave.pseudonymiser.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.enclave.pseudonymiser.io.CsvOptions;
import org.enclave.pseudonymiser.key.KeyRef;
import org.enclave.pseudonymiser.key.MasterKey;
import org.enclave.pseudonymiser.key.MasterKeyChain;
import org.enclave.pseudonymiser.schema.SchemaLoader;
import org.enclave.pseudonymiser.testing.NirFixtures;
import org.enclave.pseudonymiser.testing.OutputReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The output layout: for generated inputs, every part read back is sorted by CSNS (unsigned bytes), part i holds
 * exactly the CSNS whose first {@code layout.rangeBits} bits are i, the parts are all present and listed in name
 * order, and the rows are exactly those a reference model computes independently of the pipeline (CSNS with
 * {@code javax.crypto.Mac}, the date's year, the values as given): same rows, same values, whatever the thread
 * count and part size. {@code rekey} is checked the same way against {@code HMAC(K_2, csns)}.
 *
 * <p>Cases come from a fixed master seed plus the edge cases (empty input, every row quarantined, one row, many
 * rows of one person, more threads than parts); a failing case is reproduced from its parameters.
 */
class SortedLayoutPropertyTest {
    static final String SCHEMA = """
        dataset: sorted
        columns:
          - {name: nir, role: identifier, kind: nir}
          - {name: d,   role: quasi, type: date, generalise: year}
          - {name: n,   role: attribute, type: int}
          - {name: s,   role: attribute, type: string}
        """;
    static final byte[] K1 = new byte[32];
    static final byte[] K2 = new byte[32];

    static {
        Arrays.fill(K2, (byte) 7);
    }

    /** rows, threads, persons, share of bad rows in %, part target bytes (0: from the heap), seed. */
    static Stream<Arguments> cases() {
        SplittableRandom master = new SplittableRandom(0x50_27_ED_1AL);
        // small targets make many parts; each part is fsynced, so keep the counts to tens of parts
        long[] targets = {0, 8192, 32768};
        Stream<Arguments> edges = Stream.of(
            Arguments.of(0, 2, 1, 0, 4096L, 1L),        // empty input
            Arguments.of(300, 3, 50, 100, 1024L, 2L),   // every row quarantined
            Arguments.of(1, 1, 1, 0, 1024L, 3L),        // one row
            Arguments.of(1500, 2, 1, 0, 2048L, 4L),     // many rows of one person: one bucket, over the target
            Arguments.of(2000, 3, 3, 5, 2048L, 5L),     // a few heavy persons
            Arguments.of(40, 4, 40, 10, 0L, 6L),        // more threads than parts (one part)
            Arguments.of(2500, 2, 2500, 10, 8192L, 7L)); // many parts
        Stream<Arguments> random = IntStream.range(0, 14).mapToObj(i -> Arguments.of(
            master.nextInt(2001), 1 + master.nextInt(4), 1 + master.nextInt(3000), master.nextInt(30),
            targets[master.nextInt(targets.length)], master.nextLong()));
        return Stream.concat(edges, random);
    }

    @ParameterizedTest(name = "rows={0} threads={1} persons={2} bad={3}% target={4} seed={5}")
    @MethodSource("cases")
    void partsAreSortedDisjointRangesOfTheExpectedRows(int rows, int threads, int persons, int badPercent,
                                                       long target, long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        NirFixtures nirs = new NirFixtures(seed);
        String[] bodies = new String[persons];
        for (int i = 0; i < persons; i++) {
            bodies[i] = nirs.body(r.nextInt(20) == 0);
        }
        StringBuilder csv = new StringBuilder("nir,d,n,s\n");
        List<String[]> expected = new ArrayList<>(); // body, year, n, s
        long bad = 0;
        for (int i = 1; i <= rows; i++) {
            String body = bodies[r.nextInt(persons)];
            int year = 1900 + r.nextInt(124);
            int n = r.nextInt();
            String s = switch (r.nextInt(5)) {
                case 0 -> "";
                case 1 -> "é€" + r.nextInt(100);
                case 2 -> "x".repeat(100 + r.nextInt(300)); // a length needing two varint bytes
                default -> Integer.toString(r.nextInt(1000));
            };
            if (r.nextInt(100) < badPercent) {
                bad++;
                csv.append(r.nextBoolean() ? NirFixtures.withWrongKey(body) + "," + year + "-01-01," + n + "," + s
                    : NirFixtures.withKey(body) + "," + year + "-02-30," + n + "," + s).append('\n');
            } else {
                csv.append(NirFixtures.withKey(body)).append(',').append(year).append("-06-15,").append(n)
                    .append(',').append(s).append('\n');
                expected.add(new String[] {body, Integer.toString(year), Integer.toString(n), s});
            }
        }
        Path dir = Files.createTempDirectory("sorted");
        try {
            Path in = dir.resolve("in.csv");
            Files.writeString(in, csv, StandardCharsets.UTF_8);
            MasterKeyChain keys = new MasterKeyChain(List.of(new MasterKey(new KeyRef("p", 1), K1.clone()),
                new MasterKey(new KeyRef("p", 2), K2.clone())));
            MasterKeyChain v1 = new MasterKeyChain(List.of(new MasterKey(new KeyRef("p", 1), K1.clone())));
            Path out = dir.resolve("out");
            RunResult res = new Pseudonymiser(SchemaLoader.parse(SCHEMA), v1, new Progress(), target).run(
                new RunOptions(in, RunOptions.InputFormat.CSV, CsvOptions.of(",", "UTF-8"), null, out, false,
                    threads, CompressionCodecName.SNAPPY));
            assertThat(res.rowsIn()).isEqualTo(rows).isEqualTo(res.rowsOut() + res.rowsQuarantined());
            assertThat(res.rowsQuarantined()).isEqualTo(bad);
            assertThat(Verifier.verify(out).ok()).isTrue();
            List<String> direct = expected.stream().map(e -> key(csns1(e[0]), e)).sorted().toList();
            assertThat(checkLayout(out)).isEqualTo(direct);

            Path rekeyed = dir.resolve("rekeyed");
            Rekeyer.rekey(out, keys, rekeyed, false, target);
            assertThat(Verifier.verify(rekeyed).ok()).isTrue();
            List<String> again = expected.stream().map(e -> key(hmac(K2, csns1(e[0])), e)).sorted().toList();
            assertThat(checkLayout(rekeyed)).isEqualTo(again);
        } finally {
            OutputFolder.deleteTree(dir);
        }
    }

    /**
     * Checks the layout of a finished run and returns its rows as sorted keys.
     */
    private static List<String> checkLayout(Path run) throws Exception {
        JsonNode m = Manifest.read(run.resolve(OutputFolder.MANIFEST));
        JsonNode layout = m.path("layout");
        assertThat(layout.path("sortedBy").asText()).isEqualTo("csns");
        assertThat(layout.path("order").asText()).isEqualTo("unsigned-bytes");
        assertThat(layout.path("partitioning").asText()).isEqualTo("range");
        int bits = layout.path("rangeBits").asInt(-1);
        assertThat(bits).isBetween(0, SortedParts.MAX_FINE_BITS);
        assertThat(layout.path("parts").asInt()).isEqualTo(1 << bits);
        List<String> listed = new ArrayList<>();
        for (JsonNode f : m.path("files")) {
            if (f.path("role").asText().equals("data")) {
                listed.add(f.path("name").asText());
            }
        }
        List<String> names = IntStream.range(0, 1 << bits).mapToObj(SortedParts::partName).toList();
        assertThat(listed).isEqualTo(names);
        List<String> all = new ArrayList<>();
        byte[] previous = null;
        for (int i = 0; i < names.size(); i++) {
            for (Map<String, Object> row : OutputReader.partRows(run.resolve(names.get(i)))) {
                byte[] csns = HexFormat.of().parseHex((String) row.get("csns"));
                assertThat(prefix(csns, bits)).as("range of part %d", i).isEqualTo(i);
                if (previous != null) {
                    assertThat(Arrays.compareUnsigned(previous, csns)).as("order in part %d", i).isLessThanOrEqualTo(0);
                }
                previous = csns;
                all.add(String.join("|", (String) row.get("csns"), String.valueOf(row.get("d")),
                    String.valueOf(row.get("n")), Objects.toString(row.get("s"), "")));
            }
        }
        return all.stream().sorted().toList();
    }

    private static int prefix(byte[] csns, int bits) {
        if (bits == 0) {
            return 0;
        }
        int top = ((csns[0] & 0xff) << 8) | (csns[1] & 0xff);
        return top >>> (16 - bits);
    }

    private static String key(byte[] csns, String[] e) {
        return String.join("|", HexFormat.of().formatHex(csns), e[1], e[2], e[3]);
    }

    private static byte[] csns1(String body) {
        return hmac(K1, ("CSNS-v1|" + body).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
