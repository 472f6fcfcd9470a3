package org.enclave.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The lifecycle diagram in docs/jobs.md is generated from the table the code enforces. */
class JobDocsTest {

    @Test
    void lifecycleDiagramMatchesTheCode() throws IOException {
        Path doc = Path.of("..", "docs", "jobs.md");
        if (!Files.exists(doc)) {
            doc = Path.of("docs", "jobs.md");
        }
        assertThat(Files.readString(doc)).contains("```mermaid\n" + JobLifecycle.MACHINE.mermaid() + "```");
    }
}
