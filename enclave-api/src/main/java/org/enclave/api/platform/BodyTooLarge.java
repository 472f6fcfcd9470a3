package org.enclave.api.platform;

import java.io.IOException;

/** A request body over {@code enclave.http.max-body-size}: refused with 413. */
public final class BodyTooLarge extends IOException {

    private static final long serialVersionUID = 1L;

    public BodyTooLarge(long limit) {
        super("request body larger than " + limit + " bytes");
    }
}
