package org.enclave.compute;

/** Test-only stand-in for a compute class (the real module is not on the API's classpath). */
public final class FakeComputeType {
}
