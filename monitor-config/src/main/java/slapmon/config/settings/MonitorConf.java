package slapmon.config.settings;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code etc/monitor.conf}, the file the runtime is started with: its {@code [monitor]} section
 * and, in files written from 2018 on, its {@code [promises]} section.
 */
public record MonitorConf(MonitorSection monitor, Optional<PromisesSection> promises) {
  public MonitorConf {
    Objects.requireNonNull(monitor, "monitor");
    Objects.requireNonNull(promises, "promises");
  }
}
