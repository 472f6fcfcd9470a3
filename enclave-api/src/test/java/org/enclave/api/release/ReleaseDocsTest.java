package org.enclave.api.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The release lifecycle diagrams in docs/api.md and docs/releases.md are generated from the table the code enforces. */
class ReleaseDocsTest {

    static String doc(String name) throws IOException {
        Path doc = Path.of("..", "docs", name);
        if (!Files.exists(doc)) {
            doc = Path.of("docs", name);
        }
        return Files.readString(doc);
    }

    @Test
    void lifecycleDiagramsMatchTheCode() throws IOException {
        String diagram = "```mermaid\n" + ReleaseLifecycle.MACHINE.mermaid() + "```";
        assertThat(doc("api.md")).contains(diagram);
        assertThat(doc("releases.md")).contains(diagram);
    }
}
