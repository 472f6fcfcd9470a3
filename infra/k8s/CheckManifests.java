import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Static checks of the container files, for machines without a container engine or a cluster
 * (docs/containers.md). Run by check.sh with SnakeYAML on the class path.
 *
 * <p>Kubernetes manifests: every document parses and names apiVersion, kind and metadata.name; every
 * workload's selector matches its pod labels; every pod runs as non-root with seccomp RuntimeDefault and
 * no service-account token; every container forbids privilege escalation and drops all capabilities;
 * every Service selects some workload; a default-deny NetworkPolicy exists. Compose file: it parses, and
 * every published port is bound to 127.0.0.1. Ends with "N passed, M failed".
 */
public final class CheckManifests {

    private int passed;
    private int failed;

    public static void main(String[] args) throws Exception {
        CheckManifests check = new CheckManifests();
        Path k8s = Path.of(args[0]);
        Path compose = Path.of(args[1]);
        check.kubernetes(k8s);
        check.compose(compose);
        System.out.println(check.passed + " passed, " + check.failed + " failed");
        System.exit(check.failed == 0 ? 0 : 1);
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    @SuppressWarnings("unchecked")
    private void kubernetes(Path dir) throws Exception {
        List<Map<String, Object>> docs = new ArrayList<>();
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : files) {
            for (Object doc : yaml().loadAll(Files.readString(file))) {
                if (doc == null) {
                    continue;
                }
                Map<String, Object> d = (Map<String, Object>) doc;
                d.put("__file", file.getFileName().toString());
                docs.add(d);
            }
        }
        check(files.size() + " manifest files parse (" + docs.size() + " documents)", !docs.isEmpty());

        List<Map<String, Object>> podLabels = new ArrayList<>();
        boolean defaultDeny = false;
        for (Map<String, Object> d : docs) {
            String kind = (String) d.get("kind");
            String name = (String) at(d, "metadata", "name");
            String id = d.get("__file") + ": " + kind + "/" + name;
            if ("Kustomization".equals(kind)) {
                List<String> resources = (List<String>) d.get("resources");
                for (String r : resources) {
                    check(id + " lists an existing file " + r, Files.exists(dir.resolve(r)));
                }
                continue;
            }
            check(id + " has apiVersion, kind and metadata.name", d.get("apiVersion") != null && kind != null && name != null);
            if ("Deployment".equals(kind) || "StatefulSet".equals(kind)) {
                Map<String, Object> selector = (Map<String, Object>) at(d, "spec", "selector", "matchLabels");
                Map<String, Object> labels = (Map<String, Object>) at(d, "spec", "template", "metadata", "labels");
                podLabels.add(labels);
                check(id + ": selector matches the pod labels", selector != null && labels != null
                        && labels.entrySet().containsAll(selector.entrySet()));
                Map<String, Object> pod = (Map<String, Object>) at(d, "spec", "template", "spec");
                check(id + ": pod runs as non-root with seccomp RuntimeDefault",
                        Boolean.TRUE.equals(at(pod, "securityContext", "runAsNonRoot"))
                                && "RuntimeDefault".equals(at(pod, "securityContext", "seccompProfile", "type")));
                check(id + ": no service-account token mounted", Boolean.FALSE.equals(pod.get("automountServiceAccountToken")));
                for (Object c : (List<Object>) pod.get("containers")) {
                    Map<String, Object> container = (Map<String, Object>) c;
                    String cid = id + " container " + container.get("name");
                    check(cid + ": no privilege escalation, all capabilities dropped",
                            Boolean.FALSE.equals(at(container, "securityContext", "allowPrivilegeEscalation"))
                                    && Objects.equals(List.of("ALL"), at(container, "securityContext", "capabilities", "drop")));
                    check(cid + ": image has an explicit tag", String.valueOf(container.get("image")).matches(".+:[^/]+"));
                    check(cid + ": memory limit set", at(container, "resources", "limits", "memory") != null);
                }
            }
            if ("NetworkPolicy".equals(kind)) {
                Map<String, Object> spec = (Map<String, Object>) d.get("spec");
                if (((Map<String, Object>) spec.get("podSelector")).isEmpty() && spec.get("ingress") == null
                        && spec.get("egress") == null && ((List<Object>) spec.get("policyTypes")).containsAll(List.of("Ingress", "Egress"))) {
                    defaultDeny = true;
                }
            }
        }
        for (Map<String, Object> d : docs) {
            if ("Service".equals(d.get("kind"))) {
                Map<String, Object> selector = (Map<String, Object>) at(d, "spec", "selector");
                check(d.get("__file") + ": Service/" + at(d, "metadata", "name") + " selects a workload",
                        selector != null && podLabels.stream().anyMatch(l -> l.entrySet().containsAll(selector.entrySet())));
            }
        }
        check("a default-deny NetworkPolicy (ingress and egress) exists", defaultDeny);
    }

    @SuppressWarnings("unchecked")
    private void compose(Path file) throws Exception {
        Map<String, Object> compose = (Map<String, Object>) yaml().load(Files.readString(file));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        check(file.getFileName() + " parses with " + services.size() + " services", services.size() > 0);
        for (var e : services.entrySet()) {
            Map<String, Object> service = (Map<String, Object>) e.getValue();
            for (Object port : (List<Object>) service.getOrDefault("ports", List.of())) {
                check("compose " + e.getKey() + ": port " + port + " is published on 127.0.0.1 only",
                        String.valueOf(port).startsWith("127.0.0.1:"));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = ((Map<String, Object>) map).get(key);
        }
        return current;
    }

    private void check(String what, boolean ok) {
        if (ok) {
            passed++;
        } else {
            failed++;
        }
        System.out.println((ok ? "PASS  " : "FAIL  ") + what);
    }
}
