package org.enclave.api.release;

import org.enclave.policies.check.CheckResult;

/** An output as it goes into a package: the request's snapshot and the evaluation made at release. */
record PackagedOutput(ReleaseOutput output, CheckResult result) {

    String file() {
        return "tables/" + output.name() + ".csv";
    }
}
