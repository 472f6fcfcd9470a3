package org.enclave.compute.cli;

import org.apache.spark.launcher.JavaModuleOptions;

/** Prints Spark's own list of JVM {@code --add-opens} options, for {@code bin/enclave-compute}. */
public final class JvmOptions {

    private JvmOptions() {
    }

    public static void main(String[] args) {
        System.out.println(JavaModuleOptions.defaultModuleOptions());
    }
}
