/**
 * Access-control API (Spring Boot), by feature: {@code catalogue}, {@code project} (applications,
 * grants, project keys), {@code workspace}, {@code audit}, {@code security}, and {@code platform}
 * (database, clock, errors, state machine). See docs/api.md. Never depends on Spark or the
 * pseudonymiser.
 */
package org.enclave.api;
