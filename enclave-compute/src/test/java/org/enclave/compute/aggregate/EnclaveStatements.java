package org.enclave.compute.aggregate;

import java.util.List;
import java.util.Optional;

/** Test access to the statement the aggregator runs (benchmarks run it by hand as a baseline). */
public final class EnclaveStatements {

    private EnclaveStatements() {
    }

    /** The statement over the result view {@code __enclave_result}. */
    public static String cells(List<String> dims, String unit, Optional<String> measure, boolean margins) {
        return EnclaveAggregator.cellSql(dims, unit, measure, margins);
    }
}
