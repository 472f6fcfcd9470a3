package org.enclave.compute.bench;

import org.apache.spark.sql.SparkSession;
import org.enclave.compute.cli.ComputeCli;
import org.enclave.compute.runner.SparkSessions;
import org.enclave.compute.views.ProjectPseudonyms;

/**
 * Process entry points of {@link AggregateBench}'s cold-start figures: {@code job SPEC} is the
 * {@code enclave-compute run} main with the real project pseudonym; {@code bare PARQUET} a Spark
 * session with the same settings that counts a Parquet table.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        if (args[0].equals("job")) {
            System.exit(ComputeCli.execute(new String[] {"run", "--spec", args[1], "--master", "local[2]"},
                    System.in, System.out, System.err, ProjectPseudonyms::forProjectKey));
        }
        SparkSession spark = SparkSessions.start("local[2]");
        System.out.println(spark.read().parquet(args[1]).count());
        System.exit(0);
    }
}
