package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.seedplan.demo.DemoPatient;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Uids;
import org.seedplan.dose.Seed;
import org.seedplan.server.ApiClient;
import org.seedplan.server.TestServer;
import org.seedplan.server.api.Json;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.account.User;
import org.seedplan.geometry.Vec3;
import org.seedplan.storage.plan.PlanContent;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.Centre;
import org.seedplan.storage.registry.CentreRepository;
import org.seedplan.storage.registry.ImplantData;
import org.seedplan.storage.registry.ImplantMetrics;
import org.seedplan.storage.registry.ImplantRepository;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;

/**
 * The patient list, the patient page and the DICOM upload in a real Chromium against the real server on SQLite:
 * the list shows only the caller's centres, search narrows it by name or ID, a user of two centres filters by
 * centre, the demo CT uploaded as a folder becomes a study on the patient page. Each test saves a screenshot.
 */
class PatientScreensBrowserTest extends BrowserPerClass {

    /** Centre A's patients: ID, family, given, sex, birth date, diagnosis. */
    private static final List<List<String>> CENTRE_A = List.of(
            List.of("A-1001", "Zhang", "Wei", "M", "1956-03-14", "Hepatocellular carcinoma"),
            List.of("A-1002", "Müller", "Anna", "F", "1949-11-02", "NSCLC, stage IIIB"),
            List.of("A-1003", "Okafor", "Chidi", "M", "1962-07-21", "Pancreatic adenocarcinoma"),
            List.of("A-1004", "Silva", "Maria", "F", "1971-01-30", "Thyroid carcinoma, nodal recurrence"),
            List.of("A-1005", "Tanaka", "Hiroshi", "M", "1958-05-09", "Hepatocellular carcinoma"));
    /** Centre B's patients; one shares a family name with centre A's, so that a search would reveal a leak. */
    private static final List<List<String>> CENTRE_B = List.of(
            List.of("B-2001", "Zhang", "Min", "F", "1960-08-19", "Cholangiocarcinoma"),
            List.of("B-2002", "Novak", "Petr", "M", "1953-12-01", "Soft-tissue sarcoma"));

    /** Patients of centre D: more than one page of 50. */
    private static final int PAGED_PATIENTS = 57;
    /** Seeds of the demo implant, the content of the test plans. */
    private static final int DEMO_SEEDS = new DemoPatient().implant().size();

    PatientScreensBrowserTest() {
        super(Duration.ofSeconds(30));
    }

    @BeforeAll
    void start() throws Exception {
        create(server.signedIn(Role.PHYSICIAN, true), server.a.id(), CENTRE_A);
        create(server.signedIn(Role.PHYSICIAN, false), server.b.id(), CENTRE_B);
        Centre c = new CentreRepository(server.db).create(Actor.SYSTEM, "C", "Centre C");
        User uploader = server.services.accounts().createUser(Actor.SYSTEM, "physician_c", "Dr physician_c",
                TestServer.PASSWORD, false);
        server.services.accounts().users().grant(Actor.SYSTEM, uploader.id(), c.id(), Role.PHYSICIAN,
                server.clock.instant().minusSeconds(60), "test fixture");
        Centre d = new CentreRepository(server.db).create(Actor.SYSTEM, "D", "Centre D");
        User paged = server.services.accounts().createUser(Actor.SYSTEM, "physician_d", "Dr physician_d",
                TestServer.PASSWORD, false);
        server.services.accounts().users().grant(Actor.SYSTEM, paged.id(), d.id(), Role.PHYSICIAN,
                server.clock.instant().minusSeconds(60), "test fixture");
        ApiClient ofD = new ApiClient(server.base());
        assertThat(ofD.signIn("physician_d", TestServer.PASSWORD).status()).isEqualTo(200);
        List<List<String>> many = new ArrayList<>();
        for (int i = 1; i <= PAGED_PATIENTS; i++) {
            many.add(List.of(String.format(Locale.ROOT, "D-%03d", i), "Paged", "Patient " + i, "F", "1960-01-01", "HCC"));
        }
        create(ofD, d.id(), many);
        User both = server.services.accounts().createUser(Actor.SYSTEM, "physician_ab", "Dr Two-Centres",
                TestServer.PASSWORD, false);
        for (long centre : new long[] {server.a.id(), server.b.id()}) {
            server.services.accounts().users().grant(Actor.SYSTEM, both.id(), centre, Role.PHYSICIAN,
                    server.clock.instant().minusSeconds(60), "test fixture");
        }
    }

    private static void create(ApiClient client, long centreId, List<List<String>> patients) {
        for (List<String> p : patients) {
            String body = Json.MAPPER.createObjectNode().put("centreId", centreId).put("patientId", p.get(0))
                    .put("familyName", p.get(1)).put("givenName", p.get(2)).put("sex", p.get(3))
                    .put("birthDate", p.get(4)).put("diagnosis", p.get(5)).toString();
            ApiClient.Answer a = client.post("/api/patients", body);
            assertThat(a.status()).as("POST /api/patients %s: %s", p.get(0), a.body()).isEqualTo(201);
        }
    }

    @AfterEach
    void forgetSession() {
        bench.checkConsoleAndSignOut();
    }

    /** The patient IDs the list shows, in their order. */
    private List<String> listedIds() {
        return driver.findElements(By.cssSelector("#patients tbody tr")).stream()
                .map(r -> r.getAttribute("data-patient-id")).toList();
    }

    /** Waits until the list shows exactly these patients (in any order): the search is debounced and asynchronous. */
    private void waitForList(String... patientIds) {
        List<String> expected = Arrays.stream(patientIds).sorted().toList();
        new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "list shows " + listedIds() + ", expected " + expected)
                .until(d -> listedIds().stream().sorted().toList().equals(expected));
    }

    private void search(String text) {
        WebElement box = driver.findElement(By.id("search"));
        box.clear();
        box.sendKeys(text);
    }

    @Test
    void theListShowsOnlyTheCentresPatientsAndSearchNarrowsItByNameOrId() {
        chromium.signIn(server.base(), "physician_a");
        waitForList("A-1001", "A-1002", "A-1003", "A-1004", "A-1005");
        assertThat(driver.findElement(By.id("range")).getText()).isEqualTo("1–5 of 5");
        assertThat(driver.findElement(By.id("centre-field")).isDisplayed()).as("one centre: no centre filter").isFalse();
        assertThat(driver.findElement(By.cssSelector("#patients tbody")).getText())
                .contains("ZHANG, Wei", "MÜLLER, Anna").doesNotContain("^");
        assertNoSidewaysScrolling();
        chromium.screenshot("patients");

        search("zhang");
        waitForList("A-1001");
        assertThat(driver.getCurrentUrl()).endsWith("/patients.html?q=zhang");
        chromium.screenshot("patients-search");

        search("a-1004");
        waitForList("A-1004");
        search("nobody like this");
        waitForList();
        assertThat(driver.findElement(By.id("empty")).getText()).isEqualTo("No patient matches “nobody like this”.");
    }

    @Test
    void aUserOfTwoCentresFiltersTheListByCentre() {
        chromium.signIn(server.base(), "physician_ab");
        waitForList("A-1001", "A-1002", "A-1003", "A-1004", "A-1005", "B-2001", "B-2002");
        WebElement centreField = driver.findElement(By.id("centre-field"));
        assertThat(centreField.isDisplayed()).isTrue();
        new Select(driver.findElement(By.id("centre"))).selectByVisibleText("Centre B (B)");
        waitForList("B-2001", "B-2002");
        search("zhang");
        waitForList("B-2001");
        chromium.screenshot("patients-two-centres");
        driver.findElement(By.id("upload-open")).click();
        WebElement uploadCentre = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("upload-centre")));
        assertThat(new Select(uploadCentre).getFirstSelectedOption().getText()).as("the centre the list shows").isEqualTo("Centre B");
        assertThat(new Select(uploadCentre).getOptions()).extracting(WebElement::getText).containsExactly("Centre A", "Centre B");
    }

    @Test
    void moreThanFiftyPatientsArePagedWithNextAndPrevious() {
        chromium.signIn(server.base(), "physician_d");
        wait.until(ExpectedConditions.textToBe(By.id("range"), "1–50 of " + PAGED_PATIENTS));
        assertThat(driver.findElements(By.cssSelector("#patients tbody tr"))).hasSize(50);
        assertThat(driver.findElement(By.id("previous")).isEnabled()).isFalse();
        driver.findElement(By.id("next")).click();
        wait.until(ExpectedConditions.textToBe(By.id("range"), "51–" + PAGED_PATIENTS + " of " + PAGED_PATIENTS));
        assertThat(driver.findElements(By.cssSelector("#patients tbody tr"))).hasSize(PAGED_PATIENTS - 50);
        assertThat(driver.findElement(By.id("next")).isEnabled()).isFalse();
        assertThat(driver.getCurrentUrl()).endsWith("/patients.html?offset=50");
        driver.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(By.id("range"), "51–" + PAGED_PATIENTS + " of " + PAGED_PATIENTS));
        driver.findElement(By.id("previous")).click();
        wait.until(ExpectedConditions.textToBe(By.id("range"), "1–50 of " + PAGED_PATIENTS));
    }

    @Test
    void theKeyboardAloneReachesAPatientPageAndClosesTheUploadDialog() {
        chromium.signIn(server.base(), "physician_a");
        waitForList("A-1001", "A-1002", "A-1003", "A-1004", "A-1005");
        WebElement box = driver.switchTo().activeElement();
        assertThat(box.getAttribute("id")).as("the list opens with the cursor in the search box").isEqualTo("search");
        box.sendKeys("okafor");
        waitForList("A-1003");
        box.sendKeys(Keys.TAB);
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("upload-open");
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("sp-dicom-upload dialog")));
        // keys go to the page as a person types them (sendKeys on the focused file input would mean a file name)
        new Actions(driver).sendKeys(Keys.ESCAPE).perform();
        wait.until(ExpectedConditions.invisibilityOf(dialog));
        assertThat(driver.switchTo().activeElement().getAttribute("id")).as("focus back on the button").isEqualTo("upload-open");
        new Actions(driver).sendKeys(Keys.TAB).perform();
        assertThat(driver.switchTo().activeElement().getText()).isEqualTo("OKAFOR, Chidi");
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("patient-name"))).getText()).isEqualTo("OKAFOR, Chidi");
    }

    @Test
    void thePatientPageOpensFromTheListWithDemographics() {
        chromium.signIn(server.base(), "physician_a");
        search("A-1002");
        waitForList("A-1002");
        driver.findElement(By.linkText("MÜLLER, Anna")).click();
        wait.until(ExpectedConditions.urlContains("/patient.html?id="));
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("patient-name")));
        assertThat(name.getText()).isEqualTo("MÜLLER, Anna");
        assertThat(driver.findElement(By.id("demographics")).getText())
                .contains("A-1002", "Female", "1949-11-02", "Centre A", "NSCLC, stage IIIB");
        assertThat(driver.findElement(By.id("studies")).getText()).contains("No study yet.");
        assertThat(driver.findElement(By.id("plans")).getText()).contains("No plan yet.");
        chromium.screenshot("patient-empty");
    }

    @Test
    void aPatientOfAnotherCentreIsNotShown() {
        long ofB = server.signedIn(Role.PHYSICIAN, false).get("/api/patients?q=B-2001").json().get("items").get(0).get("id").asLong();
        chromium.signIn(server.base(), "physician_a");
        driver.get(server.base() + "/patient.html?id=" + ofB);
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(error.getText()).isEqualTo("This patient does not exist or is not in one of your centres.");
        assertThat(driver.findElement(By.id("content")).isDisplayed()).isFalse();
    }

    @Test
    void uploadingTheDemoCtFolderCreatesTheStudyAndOpensThePatientPage() throws IOException {
        chromium.signIn(server.base(), "physician_c");
        int slices = uploadDemoCtThroughTheDialog("DEMO-0001", "upload-dialog");
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("patient-name")));
        assertThat(name.getText()).isEqualTo("DEMO, LIVER");
        String studies = driver.findElement(By.id("studies")).getText();
        assertThat(studies).contains("CT", "seedplan CT", slices + " images", "1 series · " + slices);
        assertThat(driver.findElement(By.id("demographics")).getText()).contains("DEMO-0001", "Male", "1958-04-12", "Centre C");
        chromium.screenshot("patient-after-upload");

        JsonNode stored = clientOfCentreC().get("/api/patients/" + shownPatientId()).json();
        assertThat(stored.get("patientId").asText()).isEqualTo("DEMO-0001");
        assertThat(stored.get("studies")).hasSize(1);
        assertThat(stored.get("studies").get(0).get("series").get(0).get("instanceCount").asInt()).isEqualTo(slices);
    }

    @Test
    void thePatientPageShowsPlanRevisionsWithApprovalLesionsImplantsAndVisits() throws IOException {
        chromium.signIn(server.base(), "physician_c");
        uploadDemoCtThroughTheDialog("DEMO-0002", null);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("patient-name")));
        long id = shownPatientId();
        ApiClient api = clientOfCentreC();
        api.put("/api/patients/" + id, Json.MAPPER.createObjectNode().put("version", api.get("/api/patients/" + id).json().get("version").asLong())
                .put("diagnosis", "Hepatocellular carcinoma, segment VII").put("cnlcStage", "IIa").put("bclcStage", "B")
                .put("childPugh", "A").put("kps", 80).put("ecog", 1).toString());
        long planId = created(api.post("/api/patients/" + id + "/plans", planBody("Liver S7").toString())).get("id").asLong();
        approve(api, planId, 1);
        created(api.post("/api/plans/" + planId + "/revisions", planBody(null).put("reason", "two seeds moved off the vessel").toString()));
        long approvedRevisionId = approve(api, planId, 2);
        created(api.post("/api/patients/" + id + "/plans", planBody("Liver S7 supplementary").toString()));
        created(api.post("/api/patients/" + id + "/lesions", "{\"label\":\"L1\",\"organ\":\"liver\",\"site\":\"segment VII\","
                + "\"nodal\":false,\"target\":true,\"baselineLongestMm\":42}"));
        created(api.post("/api/patients/" + id + "/lesions", "{\"label\":\"N1\",\"organ\":\"lymph node\",\"site\":\"hepatic hilum\","
                + "\"nodal\":true,\"target\":false,\"baselineShortAxisMm\":14}"));
        created(api.post("/api/patients/" + id + "/implants", "{\"implantDate\":\"2026-08-14\",\"planRevisionId\":" + approvedRevisionId
                + ",\"seedCount\":38,\"seedActivityMCi\":0.6,\"postD90Gy\":131.4,\"postV100Percent\":94.2,\"postMetricsStructure\":\"CTV\""
                + ",\"postSeedCount\":38}"));
        created(api.post("/api/patients/" + id + "/visits", "{\"visitDate\":\"2026-09-15\",\"nrsPain\":3,"
                + "\"kps\":80,\"newLesion\":false,\"nonTarget\":\"NON_CR_NON_PD\"}"));
        created(api.post("/api/patients/" + id + "/visits", "{\"visitDate\":\"2026-11-16\",\"nrsPain\":1,"
                + "\"kps\":90,\"newLesion\":false,\"nonTarget\":\"CR\"}"));

        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("patient-name")));
        List<String> plans = rowsOf("plans");
        // the approval time is the server's clock (TestServer: 2026-12-03T08:00Z), shown in the browser's time zone, UTC
        // the last cell holds the row's actions: an approved plan can be sent to a PACS, a draft cannot
        assertThat(plans.stream().map(String::strip).toList()).containsExactly(
                "Liver S7 2 APPROVED Dr physician_c 2026-12-03 08:00 120.0 Gy — — " + DEMO_SEEDS + " Send to PACS",
                "Liver S7 supplementary 1 DRAFT — — 120.0 Gy — — " + DEMO_SEEDS);
        // no viable diameter and no measurement date were given through the API: dashes; the last cell holds Edit (EDIT_REGISTRY)
        assertThat(rowsOf("lesions")).containsExactly("L1 liver segment VII yes no 42 mm — — — Edit",
                "N1 lymph node hepatic hilum no yes — 14 mm — — Edit");
        // the approved revision stores no D90/V100 (no contours), so the implant copies none: no planned figure, no structure;
        // the post-operative figures name the structure they were saved with
        assertThat(rowsOf("implants")).containsExactly("2026-08-14 38 0.60 mCi — — 131.4 Gy (CTV) 94.2 % —");
        // months after implant are computed by storage: 32 d and 94 d after 2026-08-14, / 30.4375 d = 1.05 and 3.09, shown to 0.1
        assertThat(rowsOf("visits")).containsExactly("2026-09-15 1.1 3 80 no NON CR NON PD", "2026-11-16 3.1 1 90 no CR");
        assertThat(driver.findElement(By.id("demographics")).getText()).contains("CNLC", "IIa", "BCLC", "Child-Pugh", "ECOG");
        assertNoSidewaysScrolling();
        chromium.screenshot("patient");
    }

    /**
     * An implant's planned D90 names the structure it is of; an implant stored before that was recorded (migration V011:
     * the column NULL) says "structure not recorded" beside its planned D90 rather than a guessed name. An implant recorded
     * in the workstation against an approved revision shows that revision's D90 and V100 with their structure (copied by
     * the API); post-operative figures name theirs (V012), or say it was not recorded.
     */
    @Test
    void theImplantsPlannedMetricsNameTheirStructureOrSayItWasNotRecorded() {
        // a centre of its own, so that the other tests' patient lists stay as they are
        Centre e = new CentreRepository(server.db).create(Actor.SYSTEM, "E", "Centre E");
        User user = server.services.accounts().createUser(Actor.SYSTEM, "physician_e", "Dr physician_e", TestServer.PASSWORD, false);
        server.services.accounts().users().grant(Actor.SYSTEM, user.id(), e.id(), Role.PHYSICIAN, server.clock.instant().minusSeconds(60),
                "test fixture");
        Patient p = new PatientRepository(server.db).create(Actor.SYSTEM, PatientData.of(e.id(), "E-IMPLANTS").withName("Planned", "Metrics"));
        ImplantRepository implants = new ImplantRepository(server.db);
        ImplantMetrics planned = new ImplantMetrics(135.2, 89.7, 96.3, 33.2, null, 25, 29.1);
        implants.create(Actor.SYSTEM, new ImplantData(p.id(), null, LocalDate.of(2026, 2, 1), 25, 0.6, null, null, null, null, planned,
                "CTV", new ImplantMetrics(131.0, null, 95.0, null, null, 25, null), "CTV"));
        implants.create(Actor.SYSTEM, new ImplantData(p.id(), null, LocalDate.of(2026, 5, 4), 12, 0.6, null, null, null, null,
                new ImplantMetrics(128.4, null, 94.1, null, null, 12, 9.8), null, new ImplantMetrics(120.2, null, 90.3, null, null, 12, null), null));
        // a plan revision with stored metrics of its GTV, approved; the implant recorded against it through the API
        PlanRevisions plans = new PlanRevisions(server.db);
        PlanContent content = new PlanContent("{\"target\":\"GTV\"}", "1.2.826.0.1.3680043.2.1125.7", 120.0, "amersham6711", 0.76,
                LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 25), List.of(), List.of(new PlanContent.PlannedSeed(new Vec3(0, 0, 0), -1)),
                new PlanContent.Metrics("GTV", 141.7, 101.2, 97.4, 52.0, 21.3, 6.2));
        PlanRevisions.Revision r = plans.createPlan(Actor.SYSTEM, p.id(), "Liver S4", content, server.clock.instant());
        plans.approve(new Actor(user.id(), user.username(), Role.PHYSICIST, e.id(), null), r.planId(), 1, user.displayName(), server.clock.instant());
        ApiClient api = new ApiClient(server.base());
        assertThat(api.signIn("physician_e", TestServer.PASSWORD).status()).isEqualTo(200);
        created(api.post("/api/patients/" + p.id() + "/implants", "{\"implantDate\":\"2026-11-25\",\"planRevisionId\":" + r.id()
                + ",\"seedCount\":1,\"seedActivityMCi\":0.6}"));
        chromium.signIn(server.base(), "physician_e");
        driver.get(server.base() + "/patient.html?id=" + p.id());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#implants tbody tr")));
        assertThat(rowsOf("implants")).containsExactly("2026-02-01 25 0.60 mCi 135.2 Gy (CTV) 96.3 % 131.0 Gy (CTV) 95.0 % —",
                "2026-05-04 12 0.60 mCi 128.4 Gy (structure not recorded) 94.1 % 120.2 Gy (structure not recorded) 90.3 % —",
                "2026-11-25 1 0.60 mCi 141.7 Gy (GTV) 97.4 % — — —");
        assertNoSidewaysScrolling();
        chromium.screenshot("patient-implant-structure");
        // readable on the clinic laptop and on a desktop screen: no cell or heading of the implants table on two lines
        SoftAssertions soft = new SoftAssertions();
        try {
            for (Dimension size : List.of(new Dimension(1366, 768), new Dimension(1920, 1080))) {
                driver.manage().window().setSize(size);
                ((JavascriptExecutor) driver).executeScript("document.getElementById('implants').scrollIntoView()");
                chromium.screenshot("patient-implants-" + size.width + "x" + size.height);
                soft.assertThat(cellsOnTwoLines("implants")).as("implants table at %d x %d", size.width, size.height).isEmpty();
                assertNoSidewaysScrolling();
            }
            soft.assertAll();
        } finally {
            driver.manage().window().setSize(new Dimension(1366, 900)); // the window the other tests expect (Chromium)
        }
    }

    /** The text of every cell and heading of section {@code id}'s table that the browser laid out on more than one line. */
    @SuppressWarnings("unchecked")
    private List<String> cellsOnTwoLines(String id) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript("return [...document.querySelectorAll('#' + arguments[0]"
                + " + ' th, #' + arguments[0] + ' td')].filter((cell) => { const r = document.createRange(); r.selectNodeContents(cell);"
                + " return new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size > 1; }).map((cell) => cell.textContent);", id);
    }

    @Test
    void aZipOfTheDemoCtUploadsLikeAFolder() throws IOException {
        Path folder = server.folder("demo-ct");
        int slices = writeDemoCt(folder, new PatientInfo(DemoPatient.NAME, "DEMO-0003", "19580412", "M"));
        Path zip = server.folder("demo-zip").resolve("demo-ct.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip)); var files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                out.putNextEntry(new ZipEntry("DEMO/" + f.getFileName()));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        chromium.signIn(server.base(), "physician_c");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("upload-open"))).click();
        driver.findElement(By.id("upload-files")).sendKeys(zip.toString());
        wait.until(ExpectedConditions.textToBe(By.id("upload-chosen"), "1 file, " + Math.round(Files.size(zip) / 1024.0) + " KB"));
        // a slow line (256 KB/s up) so that the progress bar is seen moving
        ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
        slow.setUploadThroughput(256 * 1024);
        chromium.driver().setNetworkConditions(slow);
        try {
            driver.findElement(By.id("upload-send")).click();
            WebElement progress = driver.findElement(By.id("upload-progress"));
            wait.until(d -> {
                int percent = Integer.parseInt(progress.getAttribute("value"));
                return percent > 0 && percent < 100;
            });
            assertThat(driver.findElement(By.id("upload-percent")).getText()).matches("\\d{1,2} %");
            chromium.screenshot("upload-progress");
            wait.until(ExpectedConditions.urlContains("/patient.html?id="));
        } finally {
            chromium.driver().deleteNetworkConditions();
        }
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("patient-name")));
        assertThat(driver.findElement(By.id("demographics")).getText()).contains("DEMO-0003");
        assertThat(driver.findElement(By.id("studies")).getText()).contains(slices + " images");
    }

    @Test
    void cancellingAnUploadHalfWayStoresNothing() throws IOException {
        Path folder = server.folder("demo-ct");
        writeDemoCt(folder, new PatientInfo(DemoPatient.NAME, "DEMO-0004", "19580412", "M"));
        chromium.signIn(server.base(), "physician_c");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("upload-open"))).click();
        driver.findElement(By.id("upload-folder")).sendKeys(folder.toString());
        wait.until(ExpectedConditions.elementToBeClickable(By.id("upload-send")));
        ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
        slow.setUploadThroughput(16 * 1024); // about 2 minutes for the study, so the cancel lands mid-upload even on a loaded machine
        chromium.driver().setNetworkConditions(slow);
        try {
            driver.findElement(By.id("upload-send")).click();
            WebElement progress = driver.findElement(By.id("upload-progress"));
            wait.until(d -> Integer.parseInt(progress.getAttribute("value")) > 0);
            driver.findElement(By.id("upload-cancel")).click();
        } finally {
            chromium.driver().deleteNetworkConditions();
        }
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("sp-dicom-upload dialog")));
        assertThat(driver.getCurrentUrl()).contains("/patients.html");
        // the server stores an upload all or nothing: give it time to see the broken request, then look
        ApiClient api = clientOfCentreC();
        for (int i = 0; i < 10 && api.get("/api/patients?q=DEMO-0004").json().get("total").asInt() == 0; i++) {
            sleepMillis(200);
        }
        assertThat(api.get("/api/patients?q=DEMO-0004").json().get("total").asInt()).isZero();
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFileThatIsNotDicomIsRefusedInTheDialogWithTheServersReason() throws IOException {
        Path notDicom = server.folder("not-dicom").resolve("notes.dcm");
        Files.writeString(notDicom, "this is a text file, not a DICOM object\n");
        chromium.signIn(server.base(), "physician_c");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("upload-open"))).click();
        driver.findElement(By.id("upload-files")).sendKeys(notDicom.toString());
        wait.until(ExpectedConditions.elementToBeClickable(By.id("upload-send"))).click();
        WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("upload-message")));
        assertThat(message.getAttribute("class")).isEqualTo("message error");
        // the dialog says what the server said (its problem detail), in a sentence that starts with a capital
        assertThat(message.getText()).startsWith("No DICOM object in the upload").contains("not a DICOM file")
                .doesNotContain("undefined", "null");
        assertThat(driver.getCurrentUrl()).contains("/patients.html");
        assertThat(driver.findElement(By.id("upload-send")).isEnabled()).as("another try is possible").isTrue();
        chromium.screenshot("upload-refused");
    }

    /** Opens the upload dialog, chooses a folder with the demo CT of {@code patientId}, sends it; returns the slice count. */
    private int uploadDemoCtThroughTheDialog(String patientId, String screenshot) throws IOException {
        Path folder = server.folder("demo-ct");
        int slices = writeDemoCt(folder, new PatientInfo(DemoPatient.NAME, patientId, "19580412", "M"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("upload-open"))).click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("sp-dicom-upload dialog")));
        assertThat(driver.findElement(By.id("upload-centre")).isDisplayed()).as("one centre: no choice").isFalse();
        driver.findElement(By.id("upload-folder")).sendKeys(folder.toString());
        wait.until(ExpectedConditions.textToBe(By.id("upload-chosen"),
                slices + " files, " + String.format(Locale.ROOT, "%.1f MB", folderBytes(folder) / 1024.0 / 1024.0)));
        if (screenshot != null) {
            chromium.screenshot(screenshot);
        }
        assertThat(dialog.isDisplayed()).isTrue();
        driver.findElement(By.id("upload-send")).click();
        wait.until(ExpectedConditions.urlContains("/patient.html?id="));
        return slices;
    }

    private long shownPatientId() {
        return Long.parseLong(driver.getCurrentUrl().replaceAll(".*[?&]id=(\\d+).*", "$1"));
    }

    private ApiClient clientOfCentreC() {
        ApiClient client = new ApiClient(server.base());
        assertThat(client.signIn("physician_c", TestServer.PASSWORD).status()).isEqualTo(200);
        return client;
    }

    /** The page fits the 1366-pixel-wide window: nothing hides to the right. */
    private void assertNoSidewaysScrolling() {
        Object overflow = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue()).as("pixels beyond the window's width").isZero();
    }

    /** The visible text of each body row of a patient-page section, cells joined by single spaces. */
    private List<String> rowsOf(String section) {
        // an implant's line saying where its figures came from is not a row of the table's columns (VerificationImplantBrowserTest reads it)
        return driver.findElements(By.cssSelector("#" + section + " tbody tr:not(.figures-from)")).stream()
                .map(r -> r.findElements(By.tagName("td")).stream().map(WebElement::getText).collect(Collectors.joining(" ")))
                .toList();
    }

    /** A plan revision of the demo implant's seeds (0.6 mCi = 0.762 U each), 120 Gy prescribed; named when {@code name} is given. */
    private static ObjectNode planBody(String name) {
        ObjectNode b = Json.MAPPER.createObjectNode();
        if (name != null) {
            b.put("name", name);
        }
        b.put("sourceModelKey", "amersham6711").put("strengthU", DemoPatient.SEED_STRENGTH.skU()).put("prescriptionGy", 120.0);
        ArrayNode seeds = b.putArray("seeds");
        for (Seed seed : new DemoPatient().implant()) {
            seeds.addObject().put("xMm", seed.centreMm().x()).put("yMm", seed.centreMm().y()).put("zMm", seed.centreMm().z());
        }
        return b;
    }

    /** Signs revision {@code rev} as the physician (password again, printed name, meaning); returns the revision's id. */
    private static long approve(ApiClient api, long planId, int rev) {
        ApiClient.Answer a = api.post("/api/plans/" + planId + "/revisions/" + rev + "/approval", Json.MAPPER.createObjectNode()
                .put("password", TestServer.PASSWORD).put("printedName", "Dr physician_c").put("meaning", "approved for treatment").toString());
        assertThat(a.status()).as("approval: %s", a.body()).isEqualTo(200);
        return a.json().get("revisionId").asLong();
    }

    private static JsonNode created(ApiClient.Answer a) {
        assertThat(a.status()).as("answer: %s", a.body()).isEqualTo(201);
        return a.json();
    }

    /** Writes the demo patient's CT as one DICOM file per slice (the project's own CT writer); returns the count. */
    static int writeDemoCt(Path folder, PatientInfo patient) throws IOException {
        List<DataSet> slices = CtSeriesWriter.slices(new DemoPatient().ct(), StudyContext.newStudy(patient), Uids.newUid());
        for (int k = 0; k < slices.size(); k++) {
            Files.write(folder.resolve(String.format(Locale.ROOT, "CT.%04d.dcm", k + 1)), DicomWriter.encode(slices.get(k)));
        }
        return slices.size();
    }

    private static long folderBytes(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
