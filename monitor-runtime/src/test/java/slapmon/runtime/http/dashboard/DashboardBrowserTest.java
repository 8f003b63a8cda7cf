package slapmon.runtime.http.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in the real headless Chromium against a real running monitor over HTTPS: 500 real
 * promises (one failing), a report, history, resource usage, sub-monitors and the parameter
 * editor. Screenshots go to {@code target/dashboard-screenshots/}.
 */
@Timeout(300)
final class DashboardBrowserTest {
  static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
  static final Duration PATIENCE = Duration.ofSeconds(150);

  @TempDir static Path dir;
  static DashboardPartition partition;
  static Chromium chromium;
  static final List<String> consoleProblems = new CopyOnWriteArrayList<>();
  static final List<String> failedRequests = new CopyOnWriteArrayList<>();
  Page page;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Chromium.executable().isPresent(), Chromium.INSTALL_HINT);
    partition = DashboardPartition.start(dir.resolve("partition"), DashboardPartition.PROMISES);
    chromium = Chromium.launch(Chromium.executable().get(), dir.resolve("chromium-profile"),
        partition.spkiHash(), dir.resolve("chromium.log"));
    chromium.listen(event -> {
      String method = event.path("method").asText();
      JsonNode entry = event.path("params").path("entry");
      // Failed requests are kept apart: a test says which ones it expects.
      if (method.equals("Log.entryAdded") && entry.path("source").asText().equals("network")) {
        failedRequests.add(entry.path("url").asText());
      } else if (method.equals("Log.entryAdded") && entry.path("level").asText().equals("error")) {
        consoleProblems.add(entry.path("text").asText());
      } else if (method.equals("Runtime.exceptionThrown")) {
        consoleProblems.add(event.path("params").path("exceptionDetails").toString());
      }
    });
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (partition != null) {
      partition.close();
    }
  }

  @BeforeEach
  void openDashboard() throws Exception {
    page = chromium.newPage();
    page.reportProblems();
    page.answerLogins(DashboardPartition.USER, DashboardPartition.PASSWORD);
  }

  @AfterEach
  void closeDashboard() throws Exception {
    if (page != null) {
      page.close();
    }
  }

  /** Opens the dashboard and waits until the state lists every promise and the report. */
  private void load() throws Exception {
    page.navigate(partition.base + "/");
    page.waitUntil("document.body && document.body.classList.contains('ready')", PATIENCE);
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!page.text("document.getElementById('count').textContent")
        .contains("of " + (DashboardPartition.PROMISES + 1) + " shown")) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the dashboard never listed every promise: "
            + page.text("document.getElementById('count').textContent"));
      }
      Thread.sleep(2000);
      page.navigate(partition.base + "/");
      page.waitUntil("document.body && document.body.classList.contains('ready')", PATIENCE);
    }
  }

  private int rows() throws IOException {
    return page.evaluate("document.querySelectorAll('#promises tbody tr.row').length").asInt();
  }

  @Test
  void lists_promises_and_reports_with_their_status_failures_first() throws Exception {
    load();
    assertThat(Page.challenges()).as("the browser was asked for credentials").isPositive();
    assertThat(page.text("document.querySelector('#promises tbody tr.row').dataset.name"))
        .isEqualTo(DashboardPartition.FAILING);
    String failing = "document.querySelector('tr.row[data-name=\"check-failing\"]')";
    assertThat(page.text(failing + ".querySelector('.badge').textContent")).isEqualTo("ERROR");
    assertThat(page.text(failing + ".querySelector('.detail').textContent")).isEqualTo("CRITICAL");
    assertThat(page.text(failing + ".querySelector('.message').textContent"))
        .isEqualTo(DashboardPartition.FAILING_MESSAGE);
    assertThat(page.text(failing + ".querySelectorAll('time')[0].getAttribute('datetime')"))
        .matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    assertThat(page.text(failing + ".querySelectorAll('td')[5].textContent")).endsWith(" s");
    page.type("#filter", "check-ok");
    page.waitUntil("document.querySelectorAll('#promises tbody tr.row').length === 1", PATIENCE);
    assertThat(page.text("document.querySelector('tr.row .badge').textContent")).isEqualTo("OK");
    page.type("#filter", "disk-report");
    page.waitUntil("document.querySelectorAll('#promises tbody tr.row').length === 1", PATIENCE);
    assertThat(page.text("document.querySelector('tr.row').dataset.kind")).isEqualTo("report");
    assertThat(page.text("document.querySelector('tr.row .message').textContent"))
        .isEqualTo("all disks checked");
    page.type("#filter", "");
    assertThat(page.text("document.getElementById('overall').textContent")).isEqualTo("ERROR");
    assertThat(page.text("document.getElementById('title').textContent")).isEqualTo("Dashboard test");
    page.screenshot(SCREENSHOTS.resolve("desktop.png"), true);
    assertThat(consoleProblems).as("console errors, CSP violations included").isEmpty();
  }

  @Test
  void works_when_opened_with_the_credentials_in_its_url() throws Exception {
    load();
    String problems = "[...document.querySelectorAll('.problem')].map(p => p.textContent).join(' | ')";
    page.waitUntil("document.getElementById('chart-state') !== null", PATIENCE);
    String plain = page.text(problems);
    String withCredentials =
        partition.base.replace("https://", "https://" + DashboardPartition.USER + ":"
            + java.net.URLEncoder.encode(DashboardPartition.PASSWORD, java.nio.charset.StandardCharsets.UTF_8)
            + "@") + "/";
    page.navigate(withCredentials);
    page.waitUntil("document.body && document.body.classList.contains('ready')", PATIENCE);
    page.waitUntil("document.getElementById('count').textContent.includes('of "
        + (DashboardPartition.PROMISES + 1) + " shown')", PATIENCE);
    page.waitUntil("document.getElementById('chart-state') !== null", PATIENCE);
    assertThat(page.text(problems))
        .as("the same panels as at the plain URL (sub-monitors that do not answer, on purpose)")
        .isEqualTo(plain);
    assertThat(page.evaluate(
            "fetch(new URL('/favicon.ico', location.origin)).then(r => r.status + ' '"
                + " + r.headers.get('content-type'))").asText())
        .isEqualTo("200 image/svg+xml");
    assertThat(consoleProblems).isEmpty();
  }

  @Test
  void a_promise_rows_run_now_button_shows_the_new_result_at_once() throws Exception {
    load();
    page.type("#filter", DashboardPartition.FIXABLE);
    page.waitUntil("document.querySelectorAll('#promises tbody tr.row').length === 1", PATIENCE);
    String row = "document.querySelector('tr.row[data-name=\"" + DashboardPartition.FIXABLE + "\"]')";
    Files.writeString(partition.fixableBroken(), "");
    page.click("tr.row[data-name=\"" + DashboardPartition.FIXABLE + "\"] button.run-now");
    page.waitUntil(row + " && " + row + ".querySelector('.badge').textContent === 'ERROR'"
        + " && " + row + ".querySelector('.message').textContent === 'fixable is down'", PATIENCE);
    Files.delete(partition.fixableBroken());
    page.click("tr.row[data-name=\"" + DashboardPartition.FIXABLE + "\"] button.run-now");
    page.waitUntil(row + " && " + row + ".querySelector('.badge').textContent === 'OK'"
        + " && " + row + ".querySelector('button.run-now').textContent === 'Run now'", PATIENCE);
    assertThat(page.evaluate(row + ".querySelector('.run-note') === null").asBoolean()).isTrue();
    assertThat(page.text(row + ".querySelector('.message').textContent")).isEqualTo("fixable is up");
    assertThat(consoleProblems).isEmpty();
  }

  @Test
  void opens_the_history_chart_of_a_promise_with_its_archived_days() throws Exception {
    load();
    page.type("#filter", DashboardPartition.FAILING);
    page.waitUntil("document.querySelectorAll('#promises tbody tr.row').length === 1", PATIENCE);
    page.click("tr.row[data-name=\"check-failing\"] button.name");
    page.waitUntil("document.querySelector('.history.loaded') !== null", PATIENCE);
    String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    assertThat(page.evaluate("[...document.querySelectorAll('.history svg text')]"
        + ".some(t => t.textContent === '" + yesterday + "')").asBoolean()).isTrue();
    assertThat(page.evaluate("[...document.querySelectorAll('.history rect.run title')]"
        + ".filter(t => t.textContent.startsWith('" + yesterday + "')).length").asInt())
        .as("yesterday's archived runs").isEqualTo(24);
    assertThat(page.evaluate("document.querySelectorAll('.history rect.run.status-error').length").asInt())
        .as("today's failing runs plus yesterday's three").isGreaterThan(3);
    assertThat(page.text("document.querySelector('.history .summary').textContent"))
        .contains("runs in the last 7 days");
    assertThat(failedRequests).as("only the archived days are asked for")
        .noneMatch(url -> url.matches(".*\\.history\\.\\d{4}-\\d{2}-\\d{2}\\.json$"));
    page.screenshot(SCREENSHOTS.resolve("history.png"), true);
  }

  @Test
  void a_feed_items_link_shows_that_promise_alone_with_its_history() throws Exception {
    load();
    Path feed = partition.dir.resolve("srv/monitor/public/feed");
    Matcher link = Pattern.compile("<link>([^<]*#promise=" + DashboardPartition.FAILING + ")</link>")
        .matcher(Files.readString(feed));
    assertThat(link.find()).as("the failing promise's item links to it in %s", feed).isTrue();
    page.navigate(link.group(1));
    page.waitUntil("document.body && document.body.classList.contains('ready')", PATIENCE);
    page.waitUntil("document.querySelector('.history.loaded') !== null", PATIENCE);
    assertThat(rows()).isEqualTo(1);
    assertThat(page.text("document.querySelector('tr.row').dataset.name"))
        .isEqualTo(DashboardPartition.FAILING);
    page.type("#filter", "svc-0421"); // the filter leaves the link: every row again
    page.waitUntil("document.querySelectorAll('#promises tbody tr.row').length === 1"
        + " && document.querySelector('tr.row').dataset.name === 'svc-0421'", PATIENCE);
    assertThat(page.text("location.hash")).isEmpty();
    page.navigate(partition.base + "/#promise=no-such-promise");
    page.waitUntil("document.body && document.body.classList.contains('ready')", PATIENCE);
    assertThat(rows()).isZero();
    assertThat(page.text("document.querySelector('#promises tbody td').textContent"))
        .isEqualTo("No promise named \"no-such-promise\".");
    assertThat(consoleProblems).as("console errors, CSP violations included").isEmpty();
  }

  @Test
  void filters_and_pages_among_500_promises() throws Exception {
    load();
    assertThat(rows()).isEqualTo(50);
    assertThat(page.text("document.getElementById('page').textContent")).isEqualTo("page 1 of 11");
    page.click("#next-page");
    page.waitUntil("document.getElementById('page').textContent === 'page 2 of 11'", PATIENCE);
    // Page 1: check-failing, check-fixable, check-ok, disk-report, svc-0000 … svc-0045.
    assertThat(page.text("document.querySelector('#promises tbody tr.row').dataset.name"))
        .isEqualTo("svc-0046");
    page.type("#filter", "svc-0421");
    page.waitUntil("document.querySelectorAll('#promises tbody tr.row').length === 1", PATIENCE);
    assertThat(page.text("document.querySelector('tr.row').dataset.name")).isEqualTo("svc-0421");
    assertThat(page.text("document.getElementById('page').textContent")).isEqualTo("page 1 of 1");
    page.type("#filter", "svc-03");
    page.waitUntil("document.querySelectorAll('#promises tbody tr.row').length === 50", PATIENCE);
    assertThat(page.text("document.getElementById('count').textContent"))
        .startsWith("100 of 501 shown");
    assertThat(page.text("document.getElementById('page').textContent")).isEqualTo("page 1 of 2");
    page.type("#filter", "");
    page.evaluate("(() => { const s = document.getElementById('status-filter'); s.value = 'failing';"
        + " s.dispatchEvent(new Event('change')); })()");
    page.waitUntil("document.querySelectorAll('#promises tbody tr.row').length === 1", PATIENCE);
    assertThat(page.text("document.querySelector('tr.row').dataset.name"))
        .isEqualTo(DashboardPartition.FAILING);
  }

  @Test
  void fits_a_phone_screen() throws Exception {
    page.viewport(375, 667, true);
    load();
    assertThat(page.evaluate("document.documentElement.scrollWidth").asInt())
        .as("no horizontal scrolling at 375 px").isLessThanOrEqualTo(375);
    assertThat(page.text("getComputedStyle(document.querySelector('#promises thead')).display"))
        .isEqualTo("none");
    assertThat(page.evaluate("document.querySelector('tr.row').getBoundingClientRect().width").asDouble())
        .isLessThanOrEqualTo(375);
    page.screenshot(SCREENSHOTS.resolve("phone.png"), false);
    page.screenshot(SCREENSHOTS.resolve("phone-full.png"), true);
  }

  /**
   * Reloads the page until {@code condition} holds within 2 s of a load, failing after
   * {@code patience}.
   */
  private void reloadUntil(String condition, String what, Duration patience) throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      load();
      try {
        page.waitUntil(condition, Duration.ofSeconds(2));
        return;
      } catch (AssertionError notYet) {
        assertThat(System.nanoTime()).as("%s within %s", what, patience).isLessThan(deadline);
      }
    }
  }

  @Test
  void shows_resource_usage_and_sub_monitors() throws Exception {
    Duration collect = Duration.ofSeconds(60);
    reloadUntil("document.querySelector('#chart-cpu polyline') !== null", "a CPU chart", collect);
    assertThat(page.evaluate("document.querySelector('#chart-memory polyline') !== null").asBoolean()).isTrue();
    assertThat(page.evaluate("document.querySelector('#chart-state polyline') !== null").asBoolean()).isTrue();
    page.waitUntil("document.querySelectorAll('#submonitors li.submonitor').length === 2", PATIENCE);
    String live = "document.querySelector('li.submonitor[data-url=\"" + partition.subMonitor + "\"]')";
    // The root's state counts its sub-monitors once they were asked: one ERROR, one unreachable.
    String fleet = "sub-monitors: 1 ERROR, 1 unreachable of 2";
    reloadUntil("document.getElementById('subtitle').textContent.includes('" + fleet + "')",
        "the sub-monitors in the header", collect);
    // The title comes from the sub-monitor's own documents, fetched periodically: the URL until then.
    reloadUntil(
        live + " !== null && " + live + ".querySelector('a').textContent === 'Database partition'",
        "the sub-monitor's title", collect);
    assertThat(page.text(live + ".querySelector('a').textContent")).isEqualTo("Database partition");
    assertThat(page.text(live + ".querySelector('.badge').textContent")).isEqualTo("ERROR");
    assertThat(page.text(live + ".querySelector('a').getAttribute('href')")).isEqualTo(partition.subMonitor + "/");
    String dead = "document.querySelector('li.submonitor[data-url=\"" + partition.deadSubMonitor + "\"]')";
    assertThat(page.text(dead + ".querySelector('.badge').textContent")).isEqualTo("UNREACHABLE");
    assertThat(page.text(dead + ".querySelector('.problem').textContent")).contains("unreachable");
    assertThat(page.text(dead + ".querySelector('a').textContent")).isEqualTo(partition.deadSubMonitor);
    assertThat(page.text("document.getElementById('subtitle').textContent")).contains(fleet);
    page.screenshot(SCREENSHOTS.resolve("resources-and-sub-monitors.png"), true);
  }

  @Test
  void a_parameter_edit_is_checked_in_the_browser_then_applied_by_the_monitor() throws Exception {
    load();
    page.waitUntil("document.querySelector('#parameters input[name=\"promise-timeout\"]') !== null", PATIENCE);
    assertThat(page.evaluate("document.querySelector('.parameter.raw[data-key=\"monitor-user\"] output')"
        + ".textContent").asText()).isEqualTo(DashboardPartition.USER);
    assertThat(page.text("document.querySelector('input[name=\"monitor-password\"]').type")).isEqualTo("password");
    assertThat(page.text("document.querySelector('input[name=\"monitor-password\"]').value")).isEmpty();
    Path result = partition.privateFolder.resolve("config/.jio_documents/config.result.json");

    page.type("input[name=\"promise-timeout\"]", "twenty");
    page.type("input[name=\"cors-domains\"]", "example.org bad_host!");
    page.click("#apply");
    page.waitUntil(message("promise-timeout") + ".classList.contains('invalid')", PATIENCE);
    assertThat(page.text(message("promise-timeout") + ".textContent"))
        .isEqualTo("expected whole seconds from 1 to 3600 such as 20 or 20s, got \"twenty\"");
    assertThat(page.text(message("cors-domains") + ".textContent"))
        .startsWith("\"bad_host!\" is not a host name");
    assertThat(result).as("nothing sent while a field is invalid").doesNotExist();
    page.screenshot(SCREENSHOTS.resolve("parameters-invalid.png"), true);

    page.type("input[name=\"promise-timeout\"]", "7");
    page.type("input[name=\"cors-domains\"]", "example.org");
    page.click("#apply");
    page.waitUntil("document.getElementById('parameters-status').textContent.startsWith('Applied')", PATIENCE);
    assertThat(Files.readString(partition.etc.resolve("promise_timeout")).strip()).isEqualTo("7");
    assertThat(Files.readString(partition.etc.resolve("prev_httpd-cors.cfg")).strip()).isEqualTo("example.org");
    assertThat(page.text(message("promise-timeout") + ".textContent")).isEqualTo("applied");
    assertThat(page.text(message("cors-domains") + ".textContent")).isEqualTo("applied");
    assertThat(page.text(message("monitor-password") + ".textContent")).isEqualTo("unchanged");
    assertThat(page.text("document.querySelector('input[name=\"promise-timeout\"]').value")).isEqualTo("7");
    page.screenshot(SCREENSHOTS.resolve("parameters-applied.png"), true);

    // 65 valid host names: nothing the browser checks, but more than the monitor accepts.
    String many = java.util.stream.IntStream.range(0, 65).mapToObj(i -> "h" + i + ".example.org")
        .collect(java.util.stream.Collectors.joining(" "));
    page.type("input[name=\"cors-domains\"]", many);
    page.click("#apply");
    page.waitUntil("document.getElementById('parameters-status').textContent.startsWith('Refused')", PATIENCE);
    assertThat(page.text(message("cors-domains") + ".textContent"))
        .startsWith("refused: ").contains("65 host names, at most 64 allowed");
    assertThat(page.text(message("cors-domains") + ".className")).contains("refused");
    assertThat(page.text("document.querySelector('input[name=\"cors-domains\"]').getAttribute('aria-invalid')"))
        .isEqualTo("true");
    assertThat(Files.readString(partition.etc.resolve("prev_httpd-cors.cfg")).strip()).isEqualTo("example.org");
    page.screenshot(SCREENSHOTS.resolve("parameters-refused.png"), true);
  }

  private static String message(String key) {
    return "document.querySelector('[data-key=\"" + key + "\"] .field-message')";
  }
}
