package org.enclave.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.enclave.api.project.ProjectLifecycle;
import org.enclave.api.workspace.WorkspaceLifecycle;
import org.junit.jupiter.api.Test;

/** The lifecycle diagrams in docs/api.md are generated from the tables the code enforces; this keeps them equal. */
class DocsTest {

    static String apiDoc() throws IOException {
        Path doc = Path.of("..", "docs", "api.md");
        if (!Files.exists(doc)) {
            doc = Path.of("docs", "api.md");
        }
        return Files.readString(doc);
    }

    @Test
    void lifecycleDiagramsMatchTheCode() throws IOException {
        String doc = apiDoc();
        assertThat(doc).contains("```mermaid\n" + ProjectLifecycle.MACHINE.mermaid() + "```");
        assertThat(doc).contains("```mermaid\n" + WorkspaceLifecycle.MACHINE.mermaid() + "```");
    }
}
