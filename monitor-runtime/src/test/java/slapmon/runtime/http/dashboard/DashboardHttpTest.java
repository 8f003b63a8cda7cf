package slapmon.runtime.http.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.json.Json;

/**
 * The dashboard's routes of a running monitor, checked with the real curl: who gets the page and
 * its files, the headers that keep it private and local, and the sub-monitor document it reads.
 */
@Timeout(180)
final class DashboardHttpTest {
  private static final Pattern ASSET = Pattern.compile("/\\.slapmon/dashboard/([0-9a-f]{16})/main\\.js");

  @TempDir static Path dir;
  static DashboardPartition partition;

  @BeforeAll
  static void start() throws Exception {
    partition = DashboardPartition.start(dir.resolve("partition"), 2);
    Files.writeString(partition.privateFolder.resolve(".hidden"), "hidden");
  }

  @AfterAll
  static void stop() throws Exception {
    partition.close();
  }

  private static String version() throws Exception {
    Matcher matcher = ASSET.matcher(partition.curl("/", true));
    assertThat(matcher.find()).as("the page names its script").isTrue();
    return matcher.group(1);
  }

  @Test
  void without_credentials_neither_the_page_nor_its_files_answer_and_nothing_leaks() throws Exception {
    String prefix = "/.slapmon/dashboard/" + version() + "/";
    for (String path : new String[] {"/", prefix + "main.js", prefix + "dashboard.css", prefix + "nope.js"}) {
      String answer = partition.curl(path, false);
      assertThat(answer).as(path).startsWith("HTTP/1.1 401");
      assertThat(answer).as(path).doesNotContain("check-failing").doesNotContain("Dashboard test")
          .doesNotContain("<script").doesNotContain("import ");
    }
  }

  @Test
  void the_page_is_private_and_may_load_only_from_this_server() throws Exception {
    String page = partition.curl("/", true);
    assertThat(page).startsWith("HTTP/1.1 200")
        .containsIgnoringCase("content-type: text/html; charset=utf-8")
        .containsIgnoringCase("cache-control: private, no-store")
        .containsIgnoringCase("content-security-policy: default-src 'self'; img-src 'self' data:;"
            + " frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
        .containsIgnoringCase("x-content-type-options: nosniff")
        .contains("<script type=\"module\" src=\"/.slapmon/dashboard/" + version() + "/main.js\">");
    assertThat(page.substring(page.indexOf("\r\n\r\n"))).doesNotContain("http://").doesNotContain("https://");
  }

  @Test
  void files_are_cached_under_their_version_and_hold_no_secret() throws Exception {
    String prefix = "/.slapmon/dashboard/" + version() + "/";
    for (String name : DashboardAssets.FILES) {
      String answer = partition.curl(prefix + name, true);
      assertThat(answer).as(name).startsWith("HTTP/1.1 200")
          .containsIgnoringCase("cache-control: private, max-age=31536000, immutable")
          .containsIgnoringCase(name.endsWith(".js") ? "content-type: text/javascript; charset=utf-8"
              : "content-type: text/css; charset=utf-8");
      String body = answer.substring(answer.indexOf("\r\n\r\n"));
      assertThat(body).as(name).doesNotContain(DashboardPartition.PASSWORD).doesNotContain("https://")
          .doesNotContain("//cdn");
      assertThat(body.replace("http://www.w3.org/2000/svg", "")).as(name).doesNotContain("http://");
    }
  }

  @Test
  void another_version_or_name_is_not_found_and_real_dotfiles_stay_refused() throws Exception {
    assertThat(partition.curl("/.slapmon/dashboard/0123456789abcdef/main.js", true)).startsWith("HTTP/1.1 404");
    assertThat(partition.curl("/.slapmon/dashboard/" + version() + "/index.html", true)).startsWith("HTTP/1.1 404");
    assertThat(partition.curl("/.slapmon/dashboard/" + version() + "/../../secret", true)).startsWith("HTTP/1.1 404");
    assertThat(partition.curl("/.slapmon", true)).startsWith("HTTP/1.1 404");
    assertThat(partition.curl("/.slapmonx/dashboard", true)).startsWith("HTTP/1.1 404");
    assertThat(partition.curl("/.hidden", true)).startsWith("HTTP/1.1 404");
    assertThat(partition.curl("/private/.hidden", true)).startsWith("HTTP/1.1 404");
  }

  @Test
  void the_sub_monitors_document_says_what_the_runtime_learnt_of_each() throws Exception {
    Path document = partition.privateFolder.resolve("monitor.sub-monitors.json");
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!Files.exists(document) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    String answer = partition.curl("/private/monitor.sub-monitors.json", true);
    assertThat(answer).startsWith("HTTP/1.1 200");
    JsonNode monitors = Json.mapper().readTree(answer.substring(answer.indexOf("\r\n\r\n"))).get("monitors");
    assertThat(monitors).hasSize(2);
    assertThat(monitors.get(0).get("url").asText()).isEqualTo(partition.subMonitor);
    assertThat(monitors.get(0).get("title").asText()).isEqualTo("Database partition");
    assertThat(monitors.get(0).get("status").asText()).isEqualTo("ERROR");
    assertThat(monitors.get(0).get("problem").isNull()).isTrue();
    assertThat(monitors.get(0).get("share").asText()).isEqualTo(partition.subMonitor + "/share/jio_private/");
    assertThat(monitors.get(1).get("status").isNull()).isTrue();
    assertThat(monitors.get(0).get("placeholder").asBoolean()).isFalse();
    assertThat(monitors.get(1).get("problem").asText()).isEqualTo("unreachable: cannot connect");
    assertThat(monitors.get(1).get("placeholder").asBoolean()).isTrue();
    assertThat(partition.curl("/private/monitor.sub-monitors.json", false)).startsWith("HTTP/1.1 401");
  }
}
