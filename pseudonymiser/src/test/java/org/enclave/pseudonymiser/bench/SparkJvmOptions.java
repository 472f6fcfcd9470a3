package org.enclave.pseudonymiser.bench;

/** Prints the JVM options Spark itself passes on Java 17 (--add-opens ...), for the baseline's java command. */
public final class SparkJvmOptions {
    private SparkJvmOptions() {
    }

    public static void main(String[] args) {
        System.out.println(org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptions());
    }
}
