package org.enclave.policies.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.enclave.policies.check.SecondarySuppressor;
import org.enclave.policies.suppression.SuppressionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI in-process, one test per exit status and per bad-input case. Some tests inject a fake
 * secondary-suppression step to force an outcome; the others run the real engine.
 */
class PoliciesCliTest {

    @TempDir
    Path dir;

    /** Protects every primary without any secondary (enough for these exit-code tests). */
    private static final SecondarySuppressor PROTECTS = input -> new SuppressionResult(input.primary().clone(),
            new boolean[input.cellCount()], java.util.List.of(), true, 0, 0.0);
    private static final SecondarySuppressor CANNOT_PROTECT = input -> new SuppressionResult(input.primary().clone(),
            new boolean[input.cellCount()], java.util.List.of(), false, 0, 0.0);

    private record Run(int code, String out, String err) {
    }

    private static Run run(SecondarySuppressor s, InputStream stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PoliciesCli.run(args, new PrintWriter(out), new PrintWriter(err), stdin, s);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run run(String... args) {
        return run(PROTECTS, InputStream.nullInputStream(), args);
    }

    private Path file(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private static void assertOneLineError(Run r, String expected) {
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("policies check: " + expected + System.lineSeparator());
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void passExitsZero() {
        Run r = run("check", "--policy", "standard", "--table", "examples/admissions-by-age.json");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"status\" : \"pass\"");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void reviewExitsThree() throws Exception {
        Path t = file("neg.json", "{\"dimensions\": [\"r\"], \"measure\": \"m\", \"cells\": ["
                + "{\"key\": [\"a\"], \"units\": 30, \"rows\": 30, \"total\": 900, \"top\": [100, -50], \"negatives\": 2}]}");
        Run r = run("check", "--policy", "standard", "--table", t.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).contains("\"status\" : \"review\"");
    }

    @Test
    void failExitsFour() {
        Run r = run(CANNOT_PROTECT, InputStream.nullInputStream(),
                "check", "--policy", "standard", "--table", "examples/hospital-costs.json");
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.out()).contains("\"status\" : \"fail\"").contains("protection-not-achieved");
    }

    @Test
    void passWithMarginsWhenProtected() {
        Run r = run("check", "--policy", "standard", "--table", "examples/hospital-costs.json");
        assertThat(r.code()).isZero();
    }

    @Test
    void readsStandardInputAndCombinesPolicies() {
        byte[] table = "{\"dimensions\": [\"a\"], \"cells\": [{\"key\": [\"x\"], \"units\": 10, \"rows\": 10}]}"
                .getBytes(StandardCharsets.UTF_8);
        Run standard = run(PROTECTS, new ByteArrayInputStream(table), "check", "--policy", "standard", "--table", "-");
        assertThat(standard.code()).isZero();
        Run both = run(PROTECTS, new ByteArrayInputStream(table), "check", "--policy", "standard", "--policy", "health", "--table", "-");
        assertThat(both.code()).isZero();
        assertThat(both.out()).contains("\"name\" : \"standard+health\"").contains("\"reasons\" : [ \"threshold\" ]");
    }

    @Test
    void malformedJson() throws Exception {
        Path t = file("bad.json", "{\"dimensions\": [\"a\"],\n \"cells\": [ oops ]}");
        Run r = run("check", "--policy", "standard", "--table", t.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("policies check: bad.json: line 2, column ").contains("malformed JSON");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void keyOfTheWrongLength() throws Exception {
        Path t = file("table.json", "{\"dimensions\": [\"region\", \"sex\"], \"cells\": ["
                + "{\"key\": [\"N\", \"F\"], \"units\": 12, \"rows\": 12}, {\"key\": [\"N\", \"M\"], \"units\": 12, \"rows\": 12},"
                + "{\"key\": [\"N\", null], \"units\": 24, \"rows\": 24}, {\"key\": [\"N\", \"F\", \"x\"], \"units\": 1, \"rows\": 1}]}");
        assertOneLineError(run("check", "--policy", "standard", "--table", t.toString()),
                "table.json: cells[3].key: expected 2 entries, found 3");
    }

    @Test
    void negativeUnitCount() throws Exception {
        Path t = file("table.json", "{\"dimensions\": [\"a\"], \"cells\": [{\"key\": [\"x\"], \"units\": -3, \"rows\": 3}]}");
        assertOneLineError(run("check", "--policy", "standard", "--table", t.toString()),
                "table.json: cells[0].units: must not be negative");
    }

    @Test
    void totalThatDisagreesWithItsCells() throws Exception {
        String json = Files.readString(Path.of("examples/hospital-costs.json")).replace("\"total\": 681000.0", "\"total\": 681001.0");
        Path t = file("costs.json", json);
        assertOneLineError(run("check", "--policy", "standard", "--table", t.toString()),
                "costs.json: cells[11] (key [null, null]).total: differs from the sum of its 3 cells over 'region'");
    }

    @Test
    void missingTableFile() {
        assertOneLineError(run("check", "--policy", "standard", "--table", dir.resolve("nope.json").toString()),
                "nope.json: no such file");
    }

    @Test
    void badPolicies() throws Exception {
        assertOneLineError(run("check", "--policy", "strictest", "--table", "examples/admissions-by-age.json"),
                "strictest: neither a tier (open, standard, health) nor a readable policy file");
        Path p = file("mine.yaml", "dominance:\n  k: 90\n");
        assertOneLineError(run("check", "--policy", p.toString(), "--table", "examples/admissions-by-age.json"),
                "mine.yaml: dominance.k: must be a fraction in (0, 1) (write 0.90 for 90%), found 90");
    }

    @Test
    void usageErrorsExitTwo() {
        Run r = run("check", "--policy", "standard");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required option: '--table=FILE'").doesNotContain("\tat ");
        assertThat(run().code()).isEqualTo(2);
        assertThat(run("frobnicate").code()).isEqualTo(2);
    }

    @Test
    void internalErrorsAreOneLineAndNeverAStackTrace() {
        SecondarySuppressor buggy = input -> null;
        Run r = run(buggy, InputStream.nullInputStream(), "check", "--policy", "standard", "--table", "examples/hospital-costs.json");
        assertThat(r.code()).isEqualTo(4); // an incomplete result fails closed, it is not a crash
        SecondarySuppressor crashing = input -> {
            throw new StackOverflowError();
        };
        Run crash = run(crashing, InputStream.nullInputStream(), "check", "--policy", "standard", "--table", "examples/hospital-costs.json");
        assertThat(crash.code()).isEqualTo(PoliciesCli.EXIT_INTERNAL);
        assertThat(crash.err()).isEqualTo("policies: internal error (a bug, please report it): java.lang.StackOverflowError" + System.lineSeparator());
        InputStream brokenStdin = new InputStream() {
            @Override
            public int read() {
                throw new IllegalStateException("bug");
            }
        };
        Run bug = run(PROTECTS, brokenStdin, "check", "--policy", "standard", "--table", "-");
        assertThat(bug.code()).isEqualTo(PoliciesCli.EXIT_INTERNAL);
        assertThat(bug.err()).isEqualTo("policies: internal error (a bug, please report it): java.lang.IllegalStateException" + System.lineSeparator());
    }

    @Test
    void versionAndHelp() {
        assertThat(run("--version").out()).startsWith("enclave-policies ");
        assertThat(run("check", "--help").out()).contains("--policy").contains("Exit status: 0 pass, 3 review, 4 fail, 2 bad input.");
    }
}
