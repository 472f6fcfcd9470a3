package org.enclave.compute.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small-input choice and the input size it is based on; Hadoop's local filesystem, no Spark. */
class SparkSessionsTest {

    @TempDir
    Path dir;

    @Test
    void onlyAKnownSizeBelowTheThresholdIsSmall() {
        long threshold = SparkSessions.SMALL_INPUT_BYTES;
        assertThat(SparkSessions.isSmall(0, threshold)).isTrue();
        assertThat(SparkSessions.isSmall(threshold - 1, threshold)).isTrue();
        assertThat(SparkSessions.isSmall(threshold, threshold)).isFalse();
        assertThat(SparkSessions.isSmall(threshold + 1, threshold)).isFalse();
        // A lake that could not be listed keeps Spark's defaults.
        assertThat(SparkSessions.isSmall(-1, threshold)).isFalse();
        // 0 turns the small-input settings off.
        assertThat(SparkSessions.isSmall(0, 0)).isFalse();
    }

    @Test
    void theDefaultThresholdIs64MiBUnlessTheSystemPropertySaysOtherwise() {
        assertThat(SparkSessions.SMALL_INPUT_BYTES).isEqualTo(64L * 1024 * 1024);
        String before = System.getProperty(SparkSessions.SMALL_INPUT_PROPERTY);
        try {
            System.clearProperty(SparkSessions.SMALL_INPUT_PROPERTY);
            assertThat(SparkSessions.smallInputBytes()).isEqualTo(SparkSessions.SMALL_INPUT_BYTES);
            System.setProperty(SparkSessions.SMALL_INPUT_PROPERTY, "0");
            assertThat(SparkSessions.smallInputBytes()).isZero();
        } finally {
            if (before == null) {
                System.clearProperty(SparkSessions.SMALL_INPUT_PROPERTY);
            } else {
                System.setProperty(SparkSessions.SMALL_INPUT_PROPERTY, before);
            }
        }
    }

    @Test
    void countsTheParquetPartsOfEveryTableAsTheReaderListsThem() throws Exception {
        Path stays = Files.createDirectories(dir.resolve("stays/v1"));
        Files.write(stays.resolve("part-00000.parquet"), new byte[100]);
        Files.write(Files.createDirectories(stays.resolve("region=North")).resolve("part-00001.parquet"), new byte[50]);
        // Not parts: the pseudonymiser's manifest and quarantine, markers, hidden files.
        Files.write(stays.resolve("manifest.json"), new byte[1000]);
        Files.write(stays.resolve("quarantine.csv"), new byte[1000]);
        Files.write(stays.resolve("_SUCCESS"), new byte[0]);
        Files.write(stays.resolve(".part-00000.parquet.crc"), new byte[1000]);
        Files.write(stays.resolve("_common_metadata.parquet"), new byte[1000]);
        Path visits = Files.createDirectories(dir.resolve("visits/v1"));
        Files.write(visits.resolve("part-00000.parquet"), new byte[7]);

        Configuration conf = new Configuration(false);
        assertThat(SparkSessions.inputBytes(conf, List.of(stays.toUri().toString(), visits.toString()), Long.MAX_VALUE))
                .isEqualTo(157);
        // A single file as the location.
        assertThat(SparkSessions.inputBytes(conf, List.of(visits.resolve("part-00000.parquet").toString()), Long.MAX_VALUE))
                .isEqualTo(7);
    }

    @Test
    void stopsListingOnceTheLimitIsReached() throws Exception {
        Path big = Files.createDirectories(dir.resolve("big"));
        for (int i = 0; i < 5; i++) {
            Files.write(big.resolve("part-0000" + i + ".parquet"), new byte[100]);
        }
        Path never = dir.resolve("not-there");
        // The second location would fail the listing: it is never reached.
        long bytes = SparkSessions.inputBytes(new Configuration(false), List.of(big.toString(), never.toString()), 150);
        assertThat(bytes).isBetween(150L, 499L);
    }

    @Test
    void aLocationThatCannotBeListedGivesAnUnknownSize() {
        assertThat(SparkSessions.inputBytes(new Configuration(false), List.of(dir.resolve("not-there").toString()), 1000))
                .isEqualTo(-1);
    }
}
