package org.enclave.api.job;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.enclave.api.project.ProjectKey;
import org.springframework.stereotype.Component;

/**
 * Starts one {@code enclave-compute run --spec FILE [--master URL]} process per job.
 *
 * <p>IMPORTANT: the project key reaches the process only on its standard input (base64, then the
 * stream is closed), never on the command line, in the environment, in the spec or in a file: those
 * are visible to other local users ({@code ps}, {@code /proc/<pid>/environ}) or outlive the job.
 * The process's standard output and error go to the job's {@code compute.log}, which the API never
 * serves.
 */
@Component
public class ComputeLauncher {

    private final JobSettings settings;

    ComputeLauncher(JobSettings settings) {
        this.settings = settings;
    }

    /** The command line of a job: no secret in it, so it may be logged. */
    List<String> command(Path spec) {
        List<String> command = new ArrayList<>(List.of(settings.computeCommand().toString(), "run", "--spec", spec.toString()));
        if (settings.master() != null) {
            command.add("--master");
            command.add(settings.master());
        }
        return command;
    }

    /**
     * @param key the project key; written to the process and left to the caller to destroy
     * @throws IOException when the process cannot be started or fed (it is then killed)
     */
    public Process launch(Path spec, Path log, ProjectKey key) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(spec))
                .directory(spec.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()));
        Process process = builder.start();
        try (OutputStream stdin = process.getOutputStream()) {
            key.writeBase64To(stdin);
        } catch (IOException e) {
            destroyTree(process.toHandle());
            throw e;
        }
        return process;
    }

    /** Kills a process and everything it started, politely first, then forcibly. */
    static void destroyTree(ProcessHandle process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process);
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(3, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }
}
