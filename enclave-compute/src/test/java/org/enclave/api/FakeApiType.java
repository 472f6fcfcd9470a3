package org.enclave.api;

/** Test-only stand-in for an API class (the API module is not on compute's classpath). */
public final class FakeApiType {
}
