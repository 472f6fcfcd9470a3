package org.enclave.compute.archfixture;

import org.enclave.api.FakeApiType;

/** Test fixture: a compute class that reaches into the API, which the architecture rule must refuse. */
public final class ImportsApi {
    public FakeApiType leak() {
        return new FakeApiType();
    }
}
