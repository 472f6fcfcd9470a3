package org.enclave.pseudonymiser.run;

import java.nio.file.Path;
import java.util.Map;
import org.enclave.pseudonymiser.key.KeyRef;

/** Outcome of a completed run (also recorded in its manifest). */
public record RunResult(Path output, long rowsIn, long rowsOut, long rowsQuarantined, Map<String, Long> reasons,
                        Map<String, Long> quality, KeyRef key, double seconds) {

    public double rowsPerSecond() {
        return seconds > 0 ? rowsIn / seconds : 0;
    }
}
