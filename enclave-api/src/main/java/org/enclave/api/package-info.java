/**
 * Access-control API (Spring Boot), by feature: {@code catalogue}, {@code project} (applications,
 * grants, project keys, appeals), {@code workspace}, {@code audit}, {@code security}, {@code governance}
 * (committee queue, deadlines, reminders, consultations, decision-time figures), {@code register} (the
 * public project register), {@code catalogue.dcat} (DCAT-AP export), {@code quality} (indicators and
 * feedback per dataset version), and {@code platform} (database, clock, errors, state machine). See
 * docs/api.md and docs/governance.md. Never depends on Spark or the
 * pseudonymiser.
 */
package org.enclave.api;
