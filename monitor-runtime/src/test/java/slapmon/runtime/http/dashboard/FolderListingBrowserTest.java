package slapmon.runtime.http.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stored XSS of the folder listings, in the real headless Chromium against a real monitor: a
 * file named like markup, in the public and in the private folder (whose listing the browser
 * opens with the operator's cached credentials, on the dashboard's origin), must be shown as its
 * name and run nothing. Undertow's listing ran both names' {@code onerror}.
 */
@Timeout(300)
final class FolderListingBrowserTest {
  static final Duration PATIENCE = Duration.ofSeconds(60);
  /** Breaks out of nothing: Undertow wrote the name as text. */
  static final String TAG = "<img src=x onerror=window.pwnedByTag=1>";
  /** Breaks out of Undertow's single-quoted href first. */
  static final String QUOTE = "x'><img src=x onerror=window.pwnedByQuote=1>";
  static final String TAG_HREF = "%3Cimg%20src%3Dx%20onerror%3Dwindow.pwnedByTag%3D1%3E";
  static final String QUOTE_HREF =
      "x%27%3E%3Cimg%20src%3Dx%20onerror%3Dwindow.pwnedByQuote%3D1%3E";
  static final String SCRIPT_FILE = "report.html";

  @TempDir static Path dir;
  static DashboardPartition partition;
  static Chromium chromium;
  Page page;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Chromium.executable().isPresent(), Chromium.INSTALL_HINT);
    partition = DashboardPartition.start(dir.resolve("partition"), 2);
    Path publicFolder = partition.dir.resolve("srv/monitor/public");
    for (Path folder : new Path[] {publicFolder, partition.privateFolder}) {
      Files.writeString(folder.resolve(TAG), "");
      Files.writeString(folder.resolve(QUOTE), "");
    }
    Files.writeString(publicFolder.resolve(SCRIPT_FILE),
        "<!DOCTYPE html><title>report</title><script>window.pwnedByFile = 1;</script>");
    chromium = Chromium.launch(Chromium.executable().get(), dir.resolve("chromium-profile"),
        partition.spkiHash(), dir.resolve("chromium.log"));
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
  void open() throws Exception {
    page = chromium.newPage();
    page.answerLogins(DashboardPartition.USER, DashboardPartition.PASSWORD);
  }

  @AfterEach
  void close() throws Exception {
    if (page != null) {
      page.close();
    }
  }

  /** Opens the URL and waits for its load event, which comes after every image's error event. */
  private void load(String path) throws Exception {
    page.navigate(partition.base + path);
    page.waitUntil("location.pathname === " + Page.quote(path)
        + " && document.readyState === 'complete'", PATIENCE);
  }

  private void assertNamesShownAndNothingRan(String folder) throws Exception {
    load(folder);
    assertThat(page.text("typeof window.pwnedByTag + ' ' + typeof window.pwnedByQuote"))
        .as("globals set by an onerror in the listing of " + folder)
        .isEqualTo("undefined undefined");
    assertThat(page.evaluate("document.querySelectorAll('img').length").asInt()).isZero();
    for (String[] name : new String[][] {{TAG, TAG_HREF}, {QUOTE, QUOTE_HREF}}) {
      String link = "[...document.querySelectorAll('a')].find(a => a.textContent === "
          + Page.quote(name[0]) + ")";
      assertThat(page.text("String((" + link + " || {}).href)"))
          .as("the link of " + name[0]).isEqualTo(partition.base + folder + name[1]);
    }
    assertThat(page.text("getComputedStyle(document.body).maxWidth"))
        .as("the dashboard's style sheet applies").isEqualTo("1200px");
  }

  @Test
  void the_public_listing_shows_hostile_names_and_runs_none_of_them() throws Exception {
    assertNamesShownAndNothingRan("/public/");
  }

  @Test
  void the_private_listing_shows_hostile_names_and_runs_none_of_them() throws Exception {
    assertNamesShownAndNothingRan("/private/");
  }

  @Test
  void an_html_file_of_the_public_folder_runs_no_script() throws Exception {
    load("/public/" + SCRIPT_FILE);
    assertThat(page.text("document.title")).isEqualTo("report");
    assertThat(page.text("typeof window.pwnedByFile")).as("the file's script ran")
        .isEqualTo("undefined");
  }
}
