package slapmon.runtime.task;

import java.time.Duration;
import java.util.Objects;

/** Something the monitor does on its own schedule; {@link TaskGuard#every} runs it. */
public interface PeriodicTask {
  String name();

  Duration every();

  /** How long after start the first run comes; at once unless a task says otherwise. */
  default Duration firstAfter() {
    return Duration.ZERO;
  }

  void run() throws Exception;

  /** The body of a task. */
  @FunctionalInterface
  interface Body {
    void run() throws Exception;
  }

  static PeriodicTask of(String name, Duration firstAfter, Duration every, Body body) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(firstAfter, "firstAfter");
    Objects.requireNonNull(every, "every");
    Objects.requireNonNull(body, "body");
    return new PeriodicTask() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Duration every() {
        return every;
      }

      @Override
      public Duration firstAfter() {
        return firstAfter;
      }

      @Override
      public void run() throws Exception {
        body.run();
      }
    };
  }
}
