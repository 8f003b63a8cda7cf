package slapmon.config.settings;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code etc/monitor.conf}, the file the runtime is started with: its {@code [monitor]} section
 * and, in files written from 2018 on, its {@code [promises]} section; {@code [httpd]} is slapmon's
 * own (its HTTPS server).
 */
public record MonitorConf(
    MonitorSection monitor, Optional<PromisesSection> promises, Optional<HttpdSection> httpd) {
  public MonitorConf {
    Objects.requireNonNull(monitor, "monitor");
    Objects.requireNonNull(promises, "promises");
    Objects.requireNonNull(httpd, "httpd");
  }
}
