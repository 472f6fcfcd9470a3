/**
 * Spark job runner: the SQL guard, workspace views, enclave aggregates and the job runner CLI.
 * Nothing here yet; see the compute issue. Depends on {@code policies} and {@code pseudonymiser} only.
 */
package org.enclave.compute;
