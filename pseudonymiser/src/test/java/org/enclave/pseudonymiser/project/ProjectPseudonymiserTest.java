package org.enclave.pseudonymiser.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.enclave.pseudonymiser.key.ProjectKey;
import org.junit.jupiter.api.Test;

/** Known answers computed independently (Python hmac): pid = HMAC-SHA-256(project key, csns). */
class ProjectPseudonymiserTest {
    static final byte[] KEY = new byte[32];
    static final byte[] CSNS = HexFormat.of().parseHex("64a001e4fd798116c775817255d3eb5aa71e5aa1b9e51242ba0bba33577e0299");
    static final String PID = "081fb0b15f6c48d01c09605a1426bcae63a70a2bd80bff778cc72c925e07c18e";

    static {
        for (int i = 0; i < 32; i++) {
            KEY[i] = (byte) (100 + i);
        }
    }

    @Test
    void knownAnswer() {
        ProjectPseudonymiser p = ProjectPseudonymiser.of(new ProjectKey("p1", KEY));
        assertThat(HexFormat.of().formatHex(p.pid(CSNS))).isEqualTo(PID);
        byte[] out = new byte[40];
        byte[] in = new byte[40];
        System.arraycopy(CSNS, 0, in, 3, 32);
        p.pid(in, 3, out, 8);
        assertThat(HexFormat.of().formatHex(out, 8, 40)).isEqualTo(PID);
    }

    @Test
    void keyCanBeDestroyedAfterConstruction() {
        ProjectKey k = new ProjectKey("p1", KEY);
        ProjectPseudonymiser p = ProjectPseudonymiser.of(k);
        k.destroy();
        assertThat(HexFormat.of().formatHex(p.pid(CSNS))).isEqualTo(PID);
    }

    @Test
    void rejectsWrongLength() {
        ProjectPseudonymiser p = ProjectPseudonymiser.of(new ProjectKey("p1", KEY));
        assertThatThrownBy(() -> p.pid(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void threadSafe() throws Exception {
        ProjectPseudonymiser p = ProjectPseudonymiser.of(new ProjectKey("p1", KEY));
        ExecutorService ex = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> fs = ex.invokeAll(java.util.Collections.nCopies(8, () -> {
                for (int i = 0; i < 20_000; i++) {
                    if (!HexFormat.of().formatHex(p.pid(CSNS)).equals(PID)) {
                        return false;
                    }
                }
                return true;
            }));
            for (Future<Boolean> f : fs) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            ex.shutdown();
        }
    }

    @Test
    void serialisationRoundTripForSparkClosures() throws Exception {
        ProjectPseudonymiser p = ProjectPseudonymiser.of(new ProjectKey("p1", KEY));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(p);
        }
        ProjectPseudonymiser back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (ProjectPseudonymiser) in.readObject();
        }
        assertThat(back.projectId()).isEqualTo("p1");
        assertThat(HexFormat.of().formatHex(back.pid(CSNS))).isEqualTo(PID);
    }
}
