package org.enclave.policies.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.enclave.policies.check.CheckResult;
import org.enclave.policies.check.DisclosureCheck;
import org.enclave.policies.check.SecondarySuppressor;
import org.enclave.policies.policy.Policy;
import org.enclave.policies.policy.PolicyConfigException;
import org.enclave.policies.policy.PolicyLoader;
import org.enclave.policies.record.SdcRecordWriter;
import org.enclave.policies.table.CellTable;
import org.enclave.policies.table.TableFormatException;
import org.enclave.policies.table.TableReader;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code policies check --policy TIER|FILE --table FILE}: writes the SDC record to standard output. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks a table against a policy and writes the SDC record (JSON) to standard output.",
                "Exit status: 0 pass, 3 review, 4 fail, 2 bad input."})
final class CheckCommand implements Callable<Integer> {

    @Option(names = "--policy", required = true, paramLabel = "TIER|FILE",
            description = "Tier (open, standard, health) or policy YAML file. Repeat to combine: the strictest value of every parameter wins.")
    List<String> policies;

    @Option(names = "--table", required = true, paramLabel = "FILE",
            description = "Table JSON file (docs/table-format.md); '-' reads standard input.")
    String table;

    @Spec
    CommandSpec spec;

    private final SecondarySuppressor suppressor;
    private final InputStream stdin;

    CheckCommand(SecondarySuppressor suppressor, InputStream stdin) {
        this.suppressor = suppressor;
        this.stdin = stdin;
    }

    @Override
    public Integer call() {
        Policy policy;
        try {
            policy = PolicyLoader.load(policies.get(0));
            for (String other : policies.subList(1, policies.size())) {
                policy = Policy.strictest(policy, PolicyLoader.load(other));
            }
        } catch (PolicyConfigException e) {
            return badInput(e.getMessage());
        }
        String source = "-".equals(table) ? "stdin" : table;
        try {
            CellTable cells = "-".equals(table) ? TableReader.read(stdin, "stdin") : TableReader.read(Path.of(table));
            if (!"-".equals(table)) {
                source = Path.of(table).getFileName().toString();
            }
            CheckResult result = new DisclosureCheck(policy, suppressor).check(cells, source);
            SdcRecordWriter.write(result, spec.commandLine().getOut());
            return result.status().exitCode();
        } catch (TableFormatException e) {
            return badInput(e.getMessage());
        }
    }

    private int badInput(String message) {
        spec.commandLine().getErr().println("policies check: " + message);
        spec.commandLine().getErr().flush();
        return PoliciesCli.EXIT_BAD_INPUT;
    }
}
