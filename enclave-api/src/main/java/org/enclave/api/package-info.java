/**
 * Access-control API (Spring Boot): catalogue, projects and grants, workspaces, jobs, releases, audit.
 * Nothing here yet; see the API issues. Never depends on Spark or the pseudonymiser.
 */
package org.enclave.api;
