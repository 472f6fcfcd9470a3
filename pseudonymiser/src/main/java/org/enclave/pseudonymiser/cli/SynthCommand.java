package org.enclave.pseudonymiser.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.enclave.pseudonymiser.run.UsageException;
import org.enclave.pseudonymiser.synth.SyntheticPopulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pseudonymiser synth}: write a synthetic identified population ({@code people.csv}, {@code stays.csv})
 * and the schemas that {@code pseudonymiser run} accepts for them, for demonstrations and tests.
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
    description = "Write a synthetic population (people.csv, stays.csv with valid NIRs) and their schemas.")
final class SynthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--people", required = true, paramLabel = "N", description = "Number of people.")
    long people;

    @Option(names = "--stays-per-person", paramLabel = "MEAN", defaultValue = "2.5",
        description = "Mean number of hospital stays per person (Poisson; default ${DEFAULT-VALUE}).")
    double staysPerPerson;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if needed).")
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
        description = "Random seed: the same seed gives the same files (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--invalid-share", paramLabel = "SHARE", defaultValue = "0.001",
        description = "Share of people with an invalid NIR, half wrong check key, half wrong format (default ${DEFAULT-VALUE}).")
    double invalidShare;

    @Option(names = "--replace", description = "Overwrite the files of an earlier generation in --out.")
    boolean replace;

    @Override
    public Integer call() throws Exception {
        SyntheticPopulation.Options options;
        try {
            options = new SyntheticPopulation.Options(people, staysPerPerson, seed, invalidShare);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        SyntheticPopulation.Result r;
        try {
            r = SyntheticPopulation.write(out, options, replace);
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage());
        }
        double seconds = r.elapsed().toNanos() / 1e9;
        spec.commandLine().getOut().println(String.format(Locale.ROOT,
            "pseudonymiser: synth: %,d people (%,d invalid NIRs, %,d temporary, %,d born abroad), %,d stays in %.1f s"
                + " (%,.0f rows/s) -> %s (people.csv, stays.csv, people.schema.yaml, stays.schema.yaml)",
            r.people(), r.invalidNirs(), r.temporaryNirs(), r.bornAbroad(), r.stays(), seconds,
            (r.people() + r.stays()) / Math.max(seconds, 1e-9), out));
        return PseudonymiserCli.OK;
    }
}
