package slapmon.config.settings;

import java.util.Optional;
import slapmon.config.ConfigException;

/**
 * Binds {@code etc/monitor.conf} to {@link MonitorConf}, collecting every diagnostic before failing
 * once. {@code [monitor]} is required ({@link MonitorSectionBinder} says which keys), {@code
 * [promises]}, {@code [httpd]} and {@code [alertmanager]} optional ({@link PromisesBinder},
 * {@link HttpdSectionBinder}, {@link AlertmanagerBinder});
 * other sections are ignored. Across the two, the
 * promise folder must be known: {@code [monitor] promise-folder} (files written before 2018) or
 * {@code [promises]} with its {@code promise-folder}.
 */
final class MonitorConfBinder {
  private MonitorConfBinder() {}

  static Bound<MonitorConf> bind(SectionSource source) throws ConfigException {
    Diagnostics diagnostics = new Diagnostics();
    SectionReader monitorIn = SectionReader.open(source, MonitorSectionBinder.SECTION, diagnostics);
    Optional<MonitorSection> monitor = MonitorSectionBinder.bind(monitorIn);
    SectionReader promisesIn = SectionReader.open(source, PromisesBinder.SECTION, diagnostics);
    Optional<PromisesSection> promises = PromisesBinder.bind(promisesIn);
    Optional<HttpdSection> httpd =
        HttpdSectionBinder.bind(SectionReader.open(source, HttpdSectionBinder.SECTION, diagnostics));
    Optional<AlertmanagerSection> alertmanager =
        AlertmanagerBinder.bind(
            SectionReader.open(source, AlertmanagerBinder.SECTION, diagnostics));
    boolean seedEraFolder =
        monitorIn.value("promise-folder").filter(v -> !v.text().isEmpty()).isPresent();
    if (monitorIn.present() && !promisesIn.present() && !seedEraFolder) {
      monitorIn.missing(
          "promise-folder",
          "the folder of the promises to run: [monitor]"
              + " promise-folder (files written before 2018) or a [promises] section");
    }
    return diagnostics.finish(
        () -> new MonitorConf(monitor.orElseThrow(), promises, httpd, alertmanager));
  }
}
