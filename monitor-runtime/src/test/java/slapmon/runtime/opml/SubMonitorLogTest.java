package slapmon.runtime.opml;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sub-monitors are asked once a period: one that stays down is logged when it starts failing, not
 * at every refresh.
 */
final class SubMonitorLogTest {
  private final Logger logger = Logger.getLogger("slapmon.opml");
  private final List<String> messages = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          messages.add(record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void listen() {
    capture.setLevel(Level.ALL);
    logger.addHandler(capture);
  }

  @AfterEach
  void stop() {
    logger.removeHandler(capture);
  }

  @Test
  void a_sub_monitor_that_stays_down_is_logged_once() throws Exception {
    URI down = TitleServer.down();
    SubMonitorTitles titles =
        SubMonitorTitles.create(List.of(down), Optional.empty(), Duration.ofSeconds(30));

    for (int refresh = 0; refresh < 3; refresh++) {
      assertThat(titles.refresh().get(down).ok()).isFalse();
    }

    assertThat(messages)
        .singleElement()
        .asString()
        .startsWith("event=submonitor-title-failed url=" + down);
  }
}
