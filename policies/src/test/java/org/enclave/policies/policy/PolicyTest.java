package org.enclave.policies.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.enclave.policies.rounding.RoundingMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTest {

    private static Policy parse(String yaml) throws PolicyConfigException {
        return PolicyLoader.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "p.yaml", "p");
    }

    private static String error(String yaml) {
        try {
            parse(yaml);
        } catch (PolicyConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a configuration error");
    }

    @Test
    void standardTierStatesTheDefaults() throws Exception {
        assertThat(PolicyLoader.tier("standard")).isEqualTo(Policy.defaults());
    }

    @Test
    void everyTierLoads() throws Exception {
        for (String tier : PolicyLoader.TIERS) {
            assertThat(PolicyLoader.load(tier).name()).isEqualTo(tier);
        }
    }

    @Test
    void healthIsAtLeastAsStrictAsStandardEverywhere() throws Exception {
        Policy health = PolicyLoader.tier("health");
        Policy standard = PolicyLoader.tier("standard");
        assertThat(Policy.strictest(standard, health).named("health")).isEqualTo(health);
        assertThat(health.threshold().minUnits()).isEqualTo(11);
        assertThat(health.dominance().k()).isEqualByComparingTo("0.85");
        assertThat(health.pPercent().p()).isEqualByComparingTo("0.15");
        assertThat(health.rounding().enabled()).isTrue();
        assertThat(health.rounding().base()).isEqualTo(5);
    }

    @Test
    void standardIsAtLeastAsStrictAsOpen() throws Exception {
        Policy standard = PolicyLoader.tier("standard");
        assertThat(Policy.strictest(PolicyLoader.tier("open"), standard).named("standard")).isEqualTo(standard);
    }

    @Test
    void strictestTakesTheStrictestOfEachParameter() {
        Policy d = Policy.defaults();
        Policy a = new Policy("a", new Policy.Threshold(5, false), new Policy.Dominance(3, new BigDecimal("0.95")),
                new Policy.PPercent(new BigDecimal("0.20")), new Policy.Review(true, false), new Policy.Regression(30),
                new Policy.Extremes(true), new Policy.Protection(new BigDecimal("0.10"), new BigDecimal("7")),
                new Policy.Rounding(true, RoundingMethod.MIDPOINT, 6));
        Policy b = new Policy("b", new Policy.Threshold(10, true), new Policy.Dominance(1, new BigDecimal("0.80")),
                new Policy.PPercent(new BigDecimal("0.05")), new Policy.Review(false, true), new Policy.Regression(10),
                new Policy.Extremes(false), new Policy.Protection(new BigDecimal("0.50"), new BigDecimal("1")),
                new Policy.Rounding(true, RoundingMethod.NEAREST, 5));
        Policy s = Policy.strictest(a, b);
        assertThat(s.name()).isEqualTo("a+b");
        assertThat(s.threshold()).isEqualTo(new Policy.Threshold(10, true));
        assertThat(s.dominance()).isEqualTo(new Policy.Dominance(3, new BigDecimal("0.80")));
        assertThat(s.pPercent().p()).isEqualByComparingTo("0.20");
        assertThat(s.review()).isEqualTo(new Policy.Review(true, true));
        assertThat(s.regression().minResidualDf()).isEqualTo(30);
        assertThat(s.extremes().allowed()).isFalse();
        assertThat(s.protection().frequencyRange()).isEqualByComparingTo("0.50");
        assertThat(s.protection().zeroRange()).isEqualByComparingTo("7");
        assertThat(s.rounding()).isEqualTo(new Policy.Rounding(true, RoundingMethod.NEAREST, 6));
        assertThat(Policy.strictest(b, a).named("a+b")).isEqualTo(s);
        assertThat(Policy.strictest(d, d)).isEqualTo(d);
    }

    @Test
    void strictestKeepsRoundingFromTheOnlyPolicyThatRounds() throws Exception {
        Policy s = Policy.strictest(PolicyLoader.tier("standard"), parse("rounding: {enabled: true, method: midpoint6}"));
        assertThat(s.rounding()).isEqualTo(new Policy.Rounding(true, RoundingMethod.MIDPOINT, 6));
    }

    @Test
    void missingKeysTakeTheDefaults() throws Exception {
        Policy p = parse("threshold:\n  minUnits: 20\n");
        assertThat(p.threshold().minUnits()).isEqualTo(20);
        assertThat(p.dominance()).isEqualTo(Policy.defaults().dominance());
        assertThat(p.name()).isEqualTo("p");
    }

    @Test
    void unknownKeysAreErrors() {
        assertThat(error("dominance:\n  n: 2\n  kk: 0.9\n")).isEqualTo("p.yaml: dominance.kk: unknown key (known: k, n)");
        assertThat(error("treshold: {minUnits: 3}\n")).startsWith("p.yaml: treshold: unknown key (known: ");
    }

    @Test
    void outOfRangeValuesAreErrors() {
        assertThat(error("dominance: {k: 90}\n"))
                .isEqualTo("p.yaml: dominance.k: must be a fraction in (0, 1) (write 0.90 for 90%), found 90");
        assertThat(error("pPercent: {p: 0}\n")).startsWith("p.yaml: pPercent.p: must be a fraction in (0, 1]");
        assertThat(error("threshold: {minUnits: 0}\n")).startsWith("p.yaml: threshold.minUnits: must be between 1");
        assertThat(error("dominance: {n: 11}\n")).startsWith("p.yaml: dominance.n: must be between 1 and 10");
        assertThat(error("rounding: {base: 1}\n")).startsWith("p.yaml: rounding.base: must be between 2");
        assertThat(error("rounding: {method: stochastic}\n")).isEqualTo("p.yaml: rounding.method: expected nearest or midpoint6, found stochastic");
    }

    @Test
    void wrongTypesAreErrors() {
        assertThat(error("threshold: {minUnits: 10.5}\n")).isEqualTo("p.yaml: threshold.minUnits: expected a whole number");
        assertThat(error("threshold: {zerosDisclosive: maybe}\n")).isEqualTo("p.yaml: threshold.zerosDisclosive: expected true or false");
        assertThat(error("threshold: [1, 2]\n")).startsWith("p.yaml: threshold: ");
        assertThat(error("threshold:\n  minUnits: 'unterminated\n")).startsWith("p.yaml: line ").endsWith("malformed YAML");
    }

    @Test
    void unknownTierOrFile() {
        assertThatThrownBy(() -> PolicyLoader.load("secret"))
                .isInstanceOf(PolicyConfigException.class)
                .hasMessage("secret: neither a tier (open, standard, health) nor a readable policy file");
        assertThatThrownBy(() -> PolicyLoader.tier("secret")).hasMessage("secret: unknown tier (tiers: open, standard, health)");
    }

    @Test
    void loadsAFileByPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("strict.yaml");
        Files.writeString(file, "name: strict\nthreshold: {minUnits: 25}\n");
        Policy p = PolicyLoader.load(file.toString());
        assertThat(p.name()).isEqualTo("strict");
        assertThat(p.threshold().minUnits()).isEqualTo(25);
    }
}
