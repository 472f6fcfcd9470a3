package org.enclave.api.archfixture;

import org.enclave.compute.FakeComputeType;

/** Test fixture: an API class that reaches into compute, which the architecture rule must refuse. */
public final class ImportsCompute {
    public FakeComputeType leak() {
        return new FakeComputeType();
    }
}
