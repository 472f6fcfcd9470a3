package org.enclave.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.enclave.api.catalogue.CatalogueService;
import org.enclave.api.catalogue.Dataset;
import org.enclave.api.catalogue.Sensitivity;
import org.enclave.api.project.Project;
import org.enclave.api.project.ProjectId;
import org.enclave.api.project.ProjectService;
import org.enclave.api.security.Actor;
import org.enclave.api.security.Role;
import org.enclave.api.support.LakeFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The portal's main path for every role, in Debian's headless Chromium against the application on a
 * random port (dev profile, dev sign-in): a steward registers a dataset and a version and reads its row
 * accounting; a researcher applies; a committee member approves with reasons and fewer columns; the
 * researcher opens a workspace; an auditor reads the trail and sees the chain verified; an output checker
 * reads the SDC table with its suppressions and reasons. Then the keyboard alone signs in and submits a
 * form. Finally the release flow on a real pseudonymised dataset with one real compute job: the researcher
 * runs an aggregate analysis from the workspace's SQL editor, reads its SDC table, requests its release
 * and submits; two checkers review it (the first vote hidden from the second) and approve; the
 * researcher releases it and gets the package. Every page checks labels and CSP; each role's main page
 * is saved under target/screenshots/.
 *
 * <p>One browser for the class; the steps share its state and run in order.
 */
@ExtendWith(ChromiumAvailable.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "enclave.home=target/portal-it-home",
        "enclave.db.clean=true",
        "enclave.scheduling.enabled=false",
        "enclave.dev-issuer.issuer=http://127.0.0.1/dev",
        "logging.level.root=WARN",
        "spring.main.banner-mode=off"})
@ActiveProfiles("dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalBrowserIT {

    static final String TITLE = "Length of stay by age band";

    @LocalServerPort int port;
    @Value("${enclave.lake.dir}") Path lake;
    @Autowired CatalogueService catalogue;
    @Autowired ProjectService projects;
    @Autowired Clock clock;

    /** The release flow's project and request, shared by its steps. */
    ProjectId costs;
    String requestPath;

    Browser b;

    @BeforeAll
    void start() throws IOException {
        b = new Browser("http://127.0.0.1:" + port);
    }

    @AfterAll
    void stop() {
        if (b != null) {
            b.close();
        }
    }

    void signIn(String user) {
        b.open("/portal/login");
        if (!b.all("form[action='/portal/logout'] button").isEmpty()) {
            b.clickAndWait("form[action='/portal/logout'] button");
        }
        b.open("/portal/login");
        b.assertAccessibleForm();
        new Select(b.find("#username")).selectByValue(user);
        b.clickAndWait("form[action='/portal/login/dev'] button[type=submit]");
        assertThat(b.text(".who-name")).isEqualTo(user);
    }

    void page(String path) {
        b.open(path);
        b.assertAccessibleForm();
        b.assertNoCspViolation();
    }

    @Test
    @Order(1)
    void stewardRegistersADatasetAndAVersion() throws IOException {
        Path folder = LakeFixture.write(lake.toAbsolutePath().resolve("hospital_stays/v1"), LakeFixture.COLUMNS);
        Path manifest = folder.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"rows\":", "\"quarantineReasons\":{\"nir-check-key\":1},\"rows\":"),
                StandardCharsets.UTF_8);

        signIn("sam");
        assertThat(b.all("nav a").stream().map(WebElement::getText).toList()).containsExactly("Home", "Catalogue");
        page("/portal/catalogue");
        b.find("#ds-name").sendKeys("hospital_stays");
        b.find("#ds-owner").sendKeys("DREES");
        b.find("#ds-description").sendKeys("Hospital stays, one row per stay");
        new Select(b.find("#ds-sensitivity")).selectByValue("HIGH");
        b.find("#ds-licence").sendKeys("Licence Ouverte 2.0");
        b.find("#ds-retention").clear();
        b.find("#ds-retention").sendKeys("3650");
        b.clickAndWait("form[action='/portal/catalogue'] button[type=submit]");
        assertThat(b.text("h1")).isEqualTo("hospital_stays");
        assertThat(b.text(".notice-ok")).contains("Dataset registered");

        b.find("#v-location").sendKeys("hospital_stays/v1");
        b.find("#v-columns").sendKeys(LakeFixture.COLUMNS.stream()
                .map(c -> c.name() + " | " + c.type() + " | " + c.role() + " | " + c.description())
                .collect(Collectors.joining("\n")));
        b.clickAndWait("button.btn-primary");
        assertThat(b.text("h1")).isEqualTo("hospital_stays — version 1");
        assertThat(b.all(".stat-value").stream().map(WebElement::getText).toList()).containsExactly("100", "99", "1");
        assertThat(b.text("#main")).contains("Rows in = rows out + rows quarantined", "nir-check-key",
                "The manifest is the one verified at registration");
        b.assertAccessibleForm();
        b.assertNoCspViolation();
        b.screenshot("steward-version");
        page("/portal/catalogue");
        b.screenshot("steward-catalogue");
    }

    @Test
    @Order(2)
    void researcherApplies() {
        signIn("alice");
        page("/portal/projects/new");
        b.find("#title").sendKeys(TITLE);
        b.find("#purpose").sendKeys("How long patients stay, by age band, 2015-2024.");
        b.find("#legalBasis").sendKeys("GDPR art. 6(1)(e) and 9(2)(j)");
        for (String column : List.of("pid", "age_band", "stay_days")) {
            b.find("input[type=checkbox][value$=':" + column + "']").click();
        }
        b.screenshot("researcher-application");
        b.clickAndWait("button[value=submit]");
        assertThat(b.text(".notice-ok")).contains("Submitted to the committee");
        assertThat(b.text(".state-lg")).isEqualTo("SUBMITTED");
        // The author can neither submit again nor decide: no such buttons.
        assertThat(b.all("form[action$='/submit']")).isEmpty();
        assertThat(b.all("#decision-form")).isEmpty();
        b.assertNoCspViolation();
    }

    @Test
    @Order(3)
    void committeeApprovesWithReasonsAndFewerColumns() {
        signIn("carol");
        page("/portal/committee");
        assertThat(b.text("table.data tbody")).contains(TITLE, "alice");
        b.screenshot("committee-queue");
        b.clickAndWait("a.btn-small");
        b.assertAccessibleForm();
        WebElement stayDays = b.find("#decision-form input[value$=':stay_days']");
        assertThat(stayDays.isSelected()).isTrue();
        stayDays.click();
        b.find("#reason").sendKeys("Meets the criteria; stay_days is not needed for the stated purpose.");
        b.clickAndWait("button[value=approve]");
        assertThat(b.text(".state-lg")).isEqualTo("APPROVED");
        assertThat(b.text("#grant-title + dl + h3 + ul")).contains("pid", "age_band").doesNotContain("stay_days");
        assertThat(b.text("#main")).contains("stay_days is not needed");
        // Approved: the decision form is gone (the service's canApprove/canReject say no).
        assertThat(b.all("#decision-form")).isEmpty();
        b.assertNoCspViolation();
    }

    @Test
    @Order(4)
    void researcherOpensAWorkspace() {
        signIn("alice");
        page("/portal/projects");
        assertThat(b.text("table.data tbody")).contains(TITLE, "APPROVED", "left");
        b.screenshot("researcher-projects");
        b.clickAndWait("table.data tbody a");
        b.assertAccessibleForm();
        b.clickAndWait("form[action$='/workspaces'] button");
        assertThat(b.text(".notice-ok")).contains("Workspace opened");
        assertThat(b.text("#time-left")).endsWith("left");
        assertThat(b.text("#main table")).contains("hospital_stays", "pid", "age_band").doesNotContain("stay_days");
        page("/portal/workspaces");
        assertThat(b.text("table.data tbody")).contains(TITLE, "OPEN", "left");
        assertThat(b.all("form[action$='/close'] button")).hasSize(1);
        b.screenshot("researcher-workspaces");
    }

    @Test
    @Order(5)
    void auditorReadsTheTrailAndSeesTheChainVerified() {
        signIn("audrey");
        page("/portal/audit");
        assertThat(b.text("#chain-title")).isEqualTo("Chain verified");
        assertThat(b.text("table.audit")).contains("project.approved", "workspace.opened", "dataset.version.registered");
        b.find("#f-actor").sendKeys("carol");
        b.clickAndWait("form.filters button[type=submit]");
        List<String> actors = b.all("table.audit tbody tr td:nth-child(3)").stream().map(WebElement::getText).distinct().toList();
        assertThat(actors).containsExactly("carol");
        b.open("/portal/audit");
        b.screenshot("auditor-trail");
        b.assertNoCspViolation();
    }

    @Test
    @Order(6)
    void checkerSeesSuppressedCellsWithTheirReasons() {
        signIn("chris");
        page("/portal/checker/preview");
        List<WebElement> primary = b.all("td.sdc-primary");
        List<WebElement> secondary = b.all("td.sdc-secondary");
        assertThat(primary).isNotEmpty();
        assertThat(secondary).isNotEmpty();
        assertThat(primary.get(0).getAttribute("title")).startsWith("Primary suppression.");
        assertThat(secondary.get(0).getAttribute("title")).contains("Secondary suppression");
        assertThat(b.all("th[scope=col]")).isNotEmpty();
        assertThat(b.all("th[scope=row]")).isNotEmpty();
        // Keyboard users reach a cell and see its reasons (CSS tooltip on focus).
        primary.get(0).click();
        Object tooltip = b.js("return getComputedStyle(document.activeElement, '::after').content;");
        assertThat(String.valueOf(tooltip)).contains("Primary suppression.");
        b.screenshot("checker-sdc-table");
        // Other roles' pages are refused.
        b.open("/portal/audit");
        assertThat(b.text("h1")).isEqualTo("Not allowed");
    }

    @Test
    @Order(7)
    void keyboardAloneSignsInAndSubmitsAForm() {
        b.open("/portal/login");
        if (!b.all("form[action='/portal/logout'] button").isEmpty()) {
            b.clickAndWait("form[action='/portal/logout'] button");
        }
        b.open("/portal/login");
        WebElement body = b.find("body");
        body.sendKeys(Keys.TAB);
        WebElement skip = b.driver.switchTo().activeElement();
        assertThat(skip.getText()).isEqualTo("Skip to main content");
        assertThat(((Number) b.js("return arguments[0].getBoundingClientRect().top;", skip)).doubleValue())
                .as("the skip link is shown when focused").isGreaterThanOrEqualTo(0);
        tabTo("username", 10);
        b.driver.switchTo().activeElement().sendKeys("bob");
        b.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(b.driver.switchTo().activeElement().getText()).isEqualTo("Sign in");
        WebElement loginPage = b.find("html");
        b.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        b.awaitNewPage(loginPage);
        assertThat(b.text(".who-name")).isEqualTo("bob");

        b.open("/portal/projects/new");
        tabTo("title", 30).sendKeys("Readmissions within 30 days");
        tabTo("purpose", 3).sendKeys("Readmission rates by age band.");
        tabTo("legalBasis", 3).sendKeys("GDPR art. 6(1)(e)");
        WebElement box = tabTo(b.find("input[type=checkbox][value$=':age_band']").getAttribute("id"), 40);
        box.sendKeys(Keys.SPACE);
        assertThat(box.isSelected()).isTrue();
        WebElement draft = tabToText("Save as draft", 20);
        WebElement formPage = b.find("html");
        draft.sendKeys(Keys.ENTER);
        b.awaitNewPage(formPage);
        assertThat(b.text(".state-lg")).isEqualTo("DRAFT");
        assertThat(b.text("h1")).isEqualTo("Readmissions within 30 days");
    }

    static final String COSTS = "Stay costs by age band and region";
    static final String CHRIS_REASON = "All cells protected; the over-80 group is suppressed with its complement.";

    /**
     * The release flow's starting point, reached through the services (the pages for these steps are
     * covered above): a real dataset made by bin/pseudonymiser, registered by the steward, and an approved
     * project of alice's on it.
     */
    @Test
    @Order(8)
    void researcherRunsAnAggregateJobAndRequestsItsRelease() throws Exception {
        PortalLake.requireJars();
        String location = PortalLake.pseudonymise(lake.toAbsolutePath(), Path.of("target/portal-it-home/pseudonymiser-work").toAbsolutePath());
        Actor sam = Actor.user("sam", Role.STEWARD);
        Actor alice = Actor.user("alice", Role.RESEARCHER);
        Dataset d = catalogue.create(sam, new CatalogueService.NewDataset(PortalLake.TABLE, "Hospital stays with costs", "DREES",
                Sensitivity.MODERATE, "Licence Ouverte 2.0", 3650));
        catalogue.registerVersion(sam, d.id(), location, PortalLake.COLUMNS);
        Instant now = clock.instant();
        Project p = projects.apply(alice, new ProjectService.Application(COSTS, "Costs of stays by age band and region.",
                "GDPR art. 6(1)(e) and 9(2)(j)", Set.of(), new Project.Window(now, now.plus(Duration.ofDays(60))),
                Map.of(d.id(), Set.of("age", "region", "cost"))));
        projects.submit(alice, p.id());
        projects.approve(Actor.user("carol", Role.COMMITTEE), p.id(), new Project.Window(now.minusSeconds(1), now.plus(Duration.ofDays(60))),
                Map.of(d.id(), Set.of("age", "region", "cost")), "Meets the criteria.");
        costs = p.id();

        signIn("alice");
        page("/portal/projects/" + costs);
        b.clickAndWait("form[action$='/workspaces'] button");
        assertThat(b.text(".tables-aside")).contains(PortalLake.TABLE, "age", "region", "cost");
        b.find("#sql").sendKeys("SELECT pid, age, region, cost\nFROM " + PortalLake.TABLE);
        b.find("#groupBy").sendKeys("age, region");
        new Select(b.find("#sum")).selectByValue("cost");
        b.assertAccessibleForm();
        b.screenshot("researcher-workspace");
        b.clickAndWait("#job-form button[type=submit]");
        assertThat(b.text("h1")).startsWith("Job");
        String job = b.path();
        // One real compute job: follow it by reloading the page, as a researcher would.
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (!Set.of("SUCCEEDED", "FAILED", "CANCELLED").contains(b.text("#job-state")) && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            b.open(job);
        }
        assertThat(b.text("#job-state")).as(b.text("#main")).isEqualTo("SUCCEEDED");
        assertThat(b.all("form[action$='/cancel']")).as("no cancel once finished").isEmpty();
        assertThat(b.all("td.sdc-primary")).isNotEmpty();
        assertThat(b.all("td.sdc-secondary")).isNotEmpty();
        assertThat(b.text(".verdict")).isEqualTo("PASS");
        b.assertAccessibleForm();
        b.assertNoCspViolation();
        b.screenshot("researcher-job");

        b.clickAndWait(".crumbs a:nth-of-type(2)");
        assertThat(b.text("#jobs-title + table")).contains("aggregate", "SUCCEEDED");
        b.find("#context").sendKeys("Total cost of stays by age band and region, for the annual report.");
        b.find("#controls").sendKeys("Cells of fewer than 10 persons suppressed, with secondary suppression.");
        b.clickAndWait("#release-form button[type=submit]");
        assertThat(b.text("#release-state")).isEqualTo("DRAFT");
        assertThat(b.all("form[action$='/submit']")).as("no submit without an output").isEmpty();
        b.find("#output-name").sendKeys("costs_by_age_region");
        b.clickAndWait("#output-form button[type=submit]");
        assertThat(b.text("#outputs-title + p + table")).contains("costs_by_age_region", "PASS");
        b.assertAccessibleForm();
        b.clickAndWait("form[action$='/submit'] button");
        assertThat(b.text("#release-state")).isEqualTo("SUBMITTED");
        assertThat(b.all("#output-form")).as("outputs are fixed once submitted").isEmpty();
        requestPath = b.path().replaceAll("[?#].*$", "");
        b.screenshot("researcher-release");
        b.assertNoCspViolation();
    }

    @Test
    @Order(9)
    void firstCheckerApproves() {
        signIn("chris");
        page("/portal/checker");
        assertThat(b.text("table.data tbody")).contains(COSTS, "alice", "costs_by_age_region: pass", "0 of 2");
        b.screenshot("checker-queue");
        b.clickAndWait("a.btn-small");
        b.assertAccessibleForm();
        assertThat(b.all("td.sdc-primary")).isNotEmpty();
        assertThat(b.all("td.sdc-secondary")).isNotEmpty();
        assertThat(b.find("td.sdc-primary").getAttribute("title")).startsWith("Primary suppression.");
        assertThat(b.text("#no-flags")).contains("No differencing flag");
        b.find("#vote-reason").sendKeys(CHRIS_REASON);
        b.clickAndWait("button[value=APPROVE]");
        assertThat(b.text("#release-state")).isEqualTo("PARTIALLY_REVIEWED");
        assertThat(b.text("#votes")).contains("chris", "APPROVE");
        assertThat(b.text("#votes-hidden")).contains("1 of 2 votes cast", "hidden");
        assertThat(b.all("#vote-form")).as("one vote per checker").isEmpty();
        assertThat(b.text("#why-no-vote")).contains("already voted");
        b.assertNoCspViolation();
    }

    @Test
    @Order(10)
    void secondCheckerSeesTheFirstVoteHiddenAndApproves() {
        signIn("chloe");
        page("/portal/checker");
        b.clickAndWait("a.btn-small");
        assertThat(b.text("#votes-hidden")).contains("1 of 2 votes cast");
        assertThat(b.text("#main")).doesNotContain(CHRIS_REASON).doesNotContain("chris");
        // Keyboard users read a cell's reasons too.
        b.find("td.sdc-secondary").click();
        assertThat(String.valueOf(b.js("return getComputedStyle(document.activeElement, '::after').content;")))
                .contains("Secondary suppression");
        b.js("document.activeElement.blur();");
        b.screenshot("checker-request");
        b.find("#vote-reason").sendKeys("Agree: safe to release.");
        b.clickAndWait("button[value=APPROVE]");
        assertThat(b.text("#release-state")).isEqualTo("APPROVED");
        assertThat(b.text("#votes")).contains("chris", "chloe", CHRIS_REASON);
        b.assertNoCspViolation();
    }

    @Test
    @Order(11)
    void researcherReleasesAndDownloadsThePackage() {
        signIn("alice");
        page(requestPath);
        assertThat(b.text("#release-state")).isEqualTo("APPROVED");
        assertThat(b.text("#votes-title + ul")).contains("chris", "chloe", "APPROVE").doesNotContain(CHRIS_REASON);
        assertThat(b.all("#download")).isEmpty();
        b.clickAndWait("form[action$='/release'] button");
        assertThat(b.text("#release-state")).isEqualTo("RELEASED");
        assertThat(b.all("form[action$='/release']")).isEmpty();
        String href = b.find("#download").getAttribute("href");
        assertThat(href).endsWith(requestPath + "/package");
        @SuppressWarnings("unchecked")
        List<Object> fetched = (List<Object>) b.driver.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(function (r) { return r.arrayBuffer().then(function (buf) {
                  done([r.status, r.headers.get('content-type'), String.fromCharCode.apply(null, new Uint8Array(buf.slice(0, 2)))]);
                }); });""", href);
        assertThat(fetched).containsExactly(200L, "application/zip", "PK");
        b.screenshot("researcher-released");
        b.assertNoCspViolation();
    }

    /** Presses Tab until the element with {@code id} has the focus (at most {@code max} times). */
    WebElement tabTo(String id, int max) {
        for (int i = 0; i < max; i++) {
            WebElement active = b.driver.switchTo().activeElement();
            if (id.equals(active.getAttribute("id"))) {
                return active;
            }
            active.sendKeys(Keys.TAB);
        }
        WebElement active = b.driver.switchTo().activeElement();
        assertThat(active.getAttribute("id")).as("focus after " + max + " tabs").isEqualTo(id);
        return active;
    }

    WebElement tabToText(String text, int max) {
        for (int i = 0; i < max; i++) {
            WebElement active = b.driver.switchTo().activeElement();
            if (text.equals(active.getText())) {
                return active;
            }
            active.sendKeys(Keys.TAB);
        }
        WebElement active = b.driver.switchTo().activeElement();
        assertThat(active.getText()).as("focus after " + max + " tabs").isEqualTo(text);
        return active;
    }
}
