package slapmon.runtime.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.io.AtomicFiles;

/** The owner of the values that change while running: the timeout file and monitor.conf's CORS. */
final class LiveParametersTest {
  @TempDir Path dir;

  /** A clock the test moves. */
  private static final class StepClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static void write(Path file, String text) throws Exception {
    // As the editor writes it: a new file each time, so a change is seen whatever the clock.
    AtomicFiles.write(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        AtomicFiles.DEFAULT_MODE);
  }

  @Test
  void the_timeout_file_follows_the_rule_of_monitor_conf_and_a_refused_value_keeps_the_last_good()
      throws Exception {
    Path file = dir.resolve("promise_timeout");
    LiveParameters live = LiveParameters.ofTimeoutFile(Optional.of(file), Duration.ofSeconds(20));
    List<Duration> told = new ArrayList<>();
    live.onPromiseTimeout(told::add);

    write(file, "20s\n");
    assertThat(live.promiseTimeout()).isEqualTo(Duration.ofSeconds(20));
    write(file, "45\n");
    assertThat(live.promiseTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(live.timeoutProblem()).isEmpty();
    for (String refused : List.of("0", "7200", "abc")) {
      write(file, refused + "\n");
      assertThat(live.promiseTimeout()).as(refused).isEqualTo(Duration.ofSeconds(45));
      assertThat(live.timeoutProblem())
          .as(refused)
          .contains("promise timeout file " + file + ": expected whole seconds from 1 to 3600 such"
              + " as 20 or 20s, got '" + refused + "'; keeping 45 s");
    }
    write(file, " 7 ");
    assertThat(live.promiseTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(live.timeoutProblem()).isEmpty();
    Files.delete(file);
    assertThat(live.promiseTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(told).containsExactly(
        Duration.ofSeconds(45), Duration.ofSeconds(7), Duration.ofSeconds(20));
  }

  @Test
  void a_timeout_file_refused_at_start_keeps_the_configured_timeout() throws Exception {
    Path file = dir.resolve("promise_timeout");
    write(file, "7200");
    LiveParameters live = LiveParameters.ofTimeoutFile(Optional.of(file), Duration.ofSeconds(30));
    assertThat(live.promiseTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(live.timeoutProblem()).hasValueSatisfying(
        problem -> assertThat(problem).contains(file.toString(), "'7200'", "keeping 30 s"));
  }

  @Test
  void cors_domains_come_from_the_editor_while_set_else_from_monitor_conf_as_it_changes()
      throws Exception {
    Path conf = dir.resolve("monitor.conf");
    String httpd = "[httpd]\nlisten-address = 127.0.0.1\nport = 8443\ncert-file = /c\n"
        + "key-file = /k\nhtpasswd-file = /h\n";
    write(conf, httpd + "cors-domains = one.example\n");
    StepClock clock = new StepClock();
    LiveParameters live = LiveParameters.watching(
        new LiveParameters.Sources(
            Optional.of(conf), List.of("one.example"), Optional.empty(), Duration.ofSeconds(20)),
        clock);
    List<List<String>> told = new ArrayList<>();
    live.onCorsDomains(told::add);
    List<String> atStart = live.corsDomains();
    assertThat(atStart).containsExactly("one.example");

    write(conf, httpd + "cors-domains = one.example two.example\n");
    assertThat(live.corsDomains()).isSameAs(atStart); // looked at once a second at most
    clock.advance(Duration.ofSeconds(1));
    assertThat(live.corsDomains()).containsExactly("one.example", "two.example");

    write(conf, httpd + "cors-domains = bad_host!\n"); // refused: the last good list stays
    clock.advance(Duration.ofSeconds(1));
    assertThat(live.corsDomains()).containsExactly("one.example", "two.example");

    live.corsEdited("cors-domain", List.of("edited.example"));
    assertThat(live.corsDomains()).containsExactly("edited.example");
    live.corsEdited("cors-domain", List.of());
    assertThat(live.corsDomains()).containsExactly("one.example", "two.example");
    assertThat(told).containsExactly(
        List.of("one.example", "two.example"), List.of("edited.example"),
        List.of("one.example", "two.example"));
  }

  @Test
  void a_rewritten_htpasswd_file_is_told_to_its_listeners() {
    LiveParameters live = LiveParameters.unwatched();
    List<Path> told = new ArrayList<>();
    live.onHtpasswdWritten(told::add);
    live.htpasswdWritten(dir.resolve("htpasswd"));
    assertThat(told).containsExactly(dir.resolve("htpasswd"));
  }
}
