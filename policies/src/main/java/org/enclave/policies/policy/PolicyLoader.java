package org.enclave.policies.policy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.enclave.policies.rounding.RoundingMethod;

/**
 * Loads policies from YAML: a tier shipped in the module ({@link #TIERS}) or a file. A key left out
 * takes its value from {@link Policy#defaults()}; an unknown key, a value of the wrong type or out of
 * range is a {@link PolicyConfigException} naming the file and the key.
 */
public final class PolicyLoader {

    /** Tiers shipped under {@code org/enclave/policies/tiers/}, least strict first. */
    public static final List<String> TIERS = List.of("open", "standard", "health");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PolicyLoader() {
    }

    /** A shipped tier by name ({@code open}, {@code standard}, {@code health}). */
    public static Policy tier(String name) throws PolicyConfigException {
        String tier = name.toLowerCase(Locale.ROOT);
        if (!TIERS.contains(tier)) {
            throw new PolicyConfigException(name + ": unknown tier (tiers: " + String.join(", ", TIERS) + ")");
        }
        String resource = "/org/enclave/policies/tiers/" + tier + ".yaml";
        try (InputStream in = PolicyLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bug: tier resource " + resource + " is missing from the build");
            }
            return parse(in, tier + ".yaml", tier);
        } catch (IOException e) {
            throw new PolicyConfigException(tier + ".yaml: cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * A tier name or a path to a YAML file. A shipped tier's name wins over a file of the same name in
     * the working directory; write {@code ./standard} for the file.
     */
    public static Policy load(String tierOrPath) throws PolicyConfigException {
        if (TIERS.contains(tierOrPath.toLowerCase(Locale.ROOT))) {
            return tier(tierOrPath);
        }
        Path path = Path.of(tierOrPath);
        if (!Files.isRegularFile(path)) {
            throw new PolicyConfigException(tierOrPath + ": neither a tier (" + String.join(", ", TIERS)
                    + ") nor a readable policy file");
        }
        return load(path);
    }

    /** A policy file. */
    public static Policy load(Path file) throws PolicyConfigException {
        String source = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String base = source.replaceFirst("\\.ya?ml$", "");
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, source, base);
        } catch (IOException e) {
            throw new PolicyConfigException(source + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * @param source      name used in messages
     * @param defaultName policy name when the file has no {@code name}
     */
    public static Policy parse(InputStream in, String source, String defaultName) throws PolicyConfigException {
        PolicyFile file;
        try {
            file = YAML.readValue(in, PolicyFile.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : " (known: " + e.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
            throw new PolicyConfigException(source + ": " + path(e) + ": unknown key" + known);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof JsonProcessingException parse) {
                // The YAML parser failed while Jackson was mapping a value: a syntax error, not a type error.
                throw malformed(source, parse.getLocation() != null ? parse.getLocation() : e.getLocation());
            }
            throw new PolicyConfigException(source + ": " + path(e) + ": " + expected(e));
        } catch (JsonProcessingException e) {
            throw malformed(source, e.getLocation());
        } catch (IOException e) {
            throw new PolicyConfigException(source + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (file == null) {
            throw new PolicyConfigException(source + ": empty policy file");
        }
        try {
            return file.toPolicy(defaultName);
        } catch (Policy.InvalidParameterException e) {
            throw new PolicyConfigException(source + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new PolicyConfigException(source + ": " + e.getMessage());
        }
    }

    private static PolicyConfigException malformed(String source, JsonLocation loc) {
        String where = loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ";
        return new PolicyConfigException(source + ": " + where + "malformed YAML");
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(top level)" : sb.toString();
    }

    private static String expected(JsonMappingException e) {
        String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (msg.contains("int") || msg.contains("Integer")) {
            return "expected a whole number";
        }
        if (msg.contains("BigDecimal")) {
            return "expected a number";
        }
        if (msg.contains("boolean") || msg.contains("Boolean")) {
            return "expected true or false";
        }
        if (msg.contains("PolicyFile")) {
            return "expected a mapping of keys";
        }
        return "wrong type of value";
    }

    // --- The file as written: every key optional (boxed), unknown keys rejected by Jackson. ---

    static final class PolicyFile {
        public String name;
        public String description;
        public ThresholdSection threshold;
        public DominanceSection dominance;
        public PPercentSection pPercent;
        public ReviewSection review;
        public RegressionSection regression;
        public ExtremesSection extremes;
        public ProtectionSection protection;
        public RoundingSection rounding;

        Policy toPolicy(String defaultName) {
            Policy d = Policy.defaults();
            ThresholdSection t = threshold == null ? new ThresholdSection() : threshold;
            DominanceSection nk = dominance == null ? new DominanceSection() : dominance;
            PPercentSection pp = pPercent == null ? new PPercentSection() : pPercent;
            ReviewSection r = review == null ? new ReviewSection() : review;
            RegressionSection rg = regression == null ? new RegressionSection() : regression;
            ExtremesSection ex = extremes == null ? new ExtremesSection() : extremes;
            ProtectionSection pr = protection == null ? new ProtectionSection() : protection;
            RoundingSection ro = rounding == null ? new RoundingSection() : rounding;
            RoundingMethod method = d.rounding().method();
            if (ro.method != null) {
                method = RoundingMethod.fromId(ro.method);
                if (method == null) {
                    throw new IllegalArgumentException("rounding.method: expected nearest or midpoint6, found " + ro.method);
                }
            }
            return new Policy(
                    name == null ? defaultName : name,
                    new Policy.Threshold(or(t.minUnits, d.threshold().minUnits()),
                            or(t.zerosDisclosive, d.threshold().zerosDisclosive())),
                    new Policy.Dominance(or(nk.n, d.dominance().n()), or(nk.k, d.dominance().k())),
                    new Policy.PPercent(or(pp.p, d.pPercent().p())),
                    new Policy.Review(or(r.negatives, d.review().negatives()), or(r.missing, d.review().missing())),
                    new Policy.Regression(or(rg.minResidualDf, d.regression().minResidualDf())),
                    new Policy.Extremes(or(ex.allowed, d.extremes().allowed())),
                    new Policy.Protection(or(pr.frequencyRange, d.protection().frequencyRange()),
                            or(pr.zeroRange, d.protection().zeroRange())),
                    new Policy.Rounding(or(ro.enabled, d.rounding().enabled()), method,
                            or(ro.base, method.defaultBase())));
        }

        private static <T> T or(T value, T dflt) {
            return value == null ? dflt : value;
        }
    }

    static final class ThresholdSection {
        public Integer minUnits;
        public Boolean zerosDisclosive;
    }

    static final class DominanceSection {
        public Integer n;
        public BigDecimal k;
    }

    static final class PPercentSection {
        public BigDecimal p;
    }

    static final class ReviewSection {
        public Boolean negatives;
        public Boolean missing;
    }

    static final class RegressionSection {
        public Integer minResidualDf;
    }

    static final class ExtremesSection {
        public Boolean allowed;
    }

    static final class ProtectionSection {
        public BigDecimal frequencyRange;
        public BigDecimal zeroRange;
    }

    static final class RoundingSection {
        public Boolean enabled;
        public String method;
        public Integer base;
    }
}
