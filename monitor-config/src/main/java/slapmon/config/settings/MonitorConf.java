package slapmon.config.settings;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code etc/monitor.conf}, the file the runtime is started with: its {@code [monitor]} section
 * and, in files written from 2018 on, its {@code [promises]} section; {@code [httpd]} is slapmon's
 * own (its HTTPS server), as is {@code [alertmanager]} (where failing promises are pushed).
 */
public record MonitorConf(
    MonitorSection monitor,
    Optional<PromisesSection> promises,
    Optional<HttpdSection> httpd,
    Optional<AlertmanagerSection> alertmanager) {
  public MonitorConf {
    Objects.requireNonNull(monitor, "monitor");
    Objects.requireNonNull(promises, "promises");
    Objects.requireNonNull(httpd, "httpd");
    Objects.requireNonNull(alertmanager, "alertmanager");
  }

  /** Without an Alertmanager. */
  public MonitorConf(
      MonitorSection monitor, Optional<PromisesSection> promises, Optional<HttpdSection> httpd) {
    this(monitor, promises, httpd, Optional.empty());
  }
}
