package org.enclave.api.web;

import java.io.IOException;
import java.io.InputStream;
import org.enclave.api.platform.InvariantViolation;
import org.enclave.policies.check.CheckResult;
import org.enclave.policies.check.DisclosureCheck;
import org.enclave.policies.policy.PolicyConfigException;
import org.enclave.policies.policy.PolicyLoader;
import org.enclave.policies.table.TableFormatException;
import org.enclave.policies.table.TableReader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The output checker's table view, previewed on the policies module's worked example
 * ({@code policies/examples/hospital-costs.json}, copied onto the classpath by the build) under a
 * chosen tier. The release-request pages render each output's {@link CheckResult} with the same
 * fragment.
 */
@Controller
class CheckerPages {

    static final String EXAMPLE = "portal-examples/hospital-costs.json";

    @GetMapping("/portal/checker/preview")
    String preview(@RequestParam(defaultValue = "standard") String policy, Model model) {
        String tier = PolicyLoader.TIERS.contains(policy) ? policy : "standard";
        CheckResult result;
        try (InputStream in = new ClassPathResource(EXAMPLE).getInputStream()) {
            result = new DisclosureCheck(PolicyLoader.tier(tier)).check(TableReader.read(in, "hospital-costs.json"),
                    "hospital-costs.json");
        } catch (IOException | TableFormatException | PolicyConfigException e) {
            throw new InvariantViolation("the bundled example table cannot be checked", e);
        }
        model.addAttribute("sdc", SdcTableView.of("Hospital costs (EUR) by region and sex", result));
        model.addAttribute("tiers", PolicyLoader.TIERS);
        model.addAttribute("tier", tier);
        return "portal/checker-preview";
    }
}
