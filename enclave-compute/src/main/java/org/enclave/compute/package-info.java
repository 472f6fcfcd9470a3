/**
 * Spark job runner: the SQL guard, workspace views, enclave aggregates and the job runner CLI.
 * Packages: {@code guard} (SQL guard), {@code job} (spec and report), {@code views} (granted views and the
 * project pseudonym), {@code aggregate} (enclave aggregates and the SDC table), {@code runner}, {@code cli}.
 * Depends on {@code policies}, {@code pseudonymiser} and Spark only.
 */
package org.enclave.compute;
