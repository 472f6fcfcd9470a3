package org.enclave.compute.job;

/**
 * @param seconds wall-clock limit of the whole job; past it, Spark jobs are cancelled and the job
 *                fails with code {@code timeout}
 * @param maxRows the most rows a {@code rows} output keeps (the report says whether it was truncated)
 */
public record Limits(int seconds, int maxRows) {

    public static final int MAX_SECONDS = 24 * 3600;
    public static final int MAX_ROWS = 1_000_000;
}
