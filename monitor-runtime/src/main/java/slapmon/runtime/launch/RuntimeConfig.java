package slapmon.runtime.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import slapmon.config.ConfigException;
import slapmon.config.Diagnostic;
import slapmon.config.ini.IniDocument;
import slapmon.config.layout.PartitionLayout;
import slapmon.config.settings.Bound;
import slapmon.config.settings.MonitorConf;
import slapmon.config.settings.LinkedPaths;
import slapmon.config.settings.MonitorSection;
import slapmon.config.settings.PromisesSection;
import slapmon.config.settings.Settings;
import slapmon.runtime.alert.AlertIdentity;
import slapmon.runtime.bootstrap.BootstrapPaths;
import slapmon.runtime.opml.OpmlSettings;
import slapmon.runtime.parameters.ParameterSettings;
import slapmon.runtime.plugin.PluginSettings;
import slapmon.runtime.promise.EngineSettings;
import slapmon.runtime.promise.SlapgridSource;
import slapmon.runtime.state.PartitionIdentity;
import slapmon.runtime.state.StateSettings;

/**
 * The runtime's configuration: {@code etc/monitor.conf} read once, bound to typed settings, and
 * turned into what each part of the runtime needs. Nothing after this reads the file again.
 */
public record RuntimeConfig(Path file, MonitorConf conf, EngineSettings engine, List<Diagnostic> warnings) {
  public RuntimeConfig {
    warnings = List.copyOf(warnings);
  }

  /** Reads and checks {@code file}; every problem of the file is in the exception. */
  public static RuntimeConfig load(Path file) throws ConfigException {
    IniDocument document = IniDocument.read(file);
    Bound<MonitorConf> bound = Settings.fromMonitorConf(document);
    List<Diagnostic> warnings = new ArrayList<>(document.warnings());
    warnings.addAll(bound.warnings());
    return new RuntimeConfig(file, bound.value(), engineSettings(file, bound.value()), warnings);
  }

  /** The partition's paths, derived once from the file. */
  public PartitionLayout layout() {
    return engine.layout();
  }

  /** The paths the bootstrap lays out, slapgrid's result folder among them when it has one. */
  public BootstrapPaths bootstrapPaths() {
    LinkedPaths linked = conf.monitor().linkedPaths();
    return new BootstrapPaths(layout(), linked.publicPaths(), linked.privatePaths());
  }

  /** What the global state, the feed and the documents need of monitor.conf. */
  public StateSettings stateSettings() {
    MonitorSection monitor = conf.monitor();
    return new StateSettings(
        monitor.title(),
        monitor.rootTitle(),
        monitor.baseUrl(),
        layout(),
        monitor.monitorUrlList(),
        conf.promises()
            .map(promises -> PartitionIdentity.of(promises.partition()))
            .orElseGet(PartitionIdentity::unknown),
        StateSettings.DEFAULT_SERIES_ROWS);
  }

  /** Who the alerts are about: the monitor's titles, partition and base URL. */
  public AlertIdentity alertIdentity() {
    MonitorSection monitor = conf.monitor();
    Optional<PromisesSection> promises = conf.promises();
    return new AlertIdentity(
        monitor.title(),
        monitor.rootTitle(),
        promises.flatMap(p -> p.partition().partitionId()),
        promises.flatMap(p -> p.partition().computerId()),
        monitor.baseUrl());
  }

  /** What the parameter editor and the bootstrap's config documents need of monitor.conf. */
  public ParameterSettings parameterSettings() {
    MonitorSection monitor = conf.monitor();
    return new ParameterSettings(
        monitor.parameterList(),
        layout().promiseTimeoutFile(),
        layout().configDocuments(),
        monitor.parameterFilePath());
  }

  /** What the OPML list and the sub-monitors' states need of a {@code [monitor]} section. */
  static OpmlSettings opmlSettings(MonitorSection monitor) {
    return new OpmlSettings(
        monitor.title(),
        monitor.rootTitle(),
        monitor.baseUrl(),
        monitor.monitorUrlList(),
        monitor.folders().publicFolder(),
        monitor.folders().privateFolder());
  }

  private static EngineSettings engineSettings(Path file, MonitorConf conf) {
    MonitorSection monitor = conf.monitor();
    Optional<PromisesSection> promises = conf.promises();
    PartitionLayout layout = PartitionLayout.of(conf, file);
    Path partition = layout.partition();
    return new EngineSettings(
        monitor.title(),
        monitor.rootTitle(),
        monitor.baseUrl(),
        layout,
        EngineSettings.DEFAULT_PERIOD,
        promises.map(PromisesSection::promiseTimeout).orElse(EngineSettings.DEFAULT_TIMEOUT),
        EngineSettings.DEFAULT_WORKERS,
        EngineSettings.DEFAULT_RETENTION_DAYS,
        EngineSettings.DEFAULT_OUTPUT_CAP,
        // Today's layout ([promises]): slapgrid runs the plugins and writes their results.
        promises.map(
            p -> new SlapgridSource(
                partition, layout.pluginFolder(), pluginSettings(p, partition))));
  }

  /**
   * How slapmon runs the plugins itself, when monitor.conf asks for it: {@code plugin-python} names
   * the plugins' Python (slapmon promise run then runs them, as the original's runpromise does),
   * {@code run-plugins} makes {@code slapmon run} run them every period too.
   */
  private static Optional<PluginSettings> pluginSettings(PromisesSection promises, Path partition) {
    if (promises.pluginPython().isEmpty() && !promises.runPlugins()) {
      return Optional.empty();
    }
    Map<String, Optional<String>> identity = new HashMap<>();
    identity.put("master-url", promises.master().url().map(Object::toString));
    identity.put("partition-cert", promises.master().certFile().map(Path::toString));
    identity.put("partition-key", promises.master().keyFile().map(Path::toString));
    identity.put("partition-id", promises.partition().partitionId());
    identity.put("computer-id", promises.partition().computerId());
    return Optional.of(
        new PluginSettings(
            promises.pluginPython().orElse(PluginSettings.DEFAULT_PYTHON),
            partition,
            promises.promiseFolder(),
            promises.promiseTimeout(),
            promises.checkAnomaly(),
            promises.runPlugins(),
            identity,
            List.of(),
            PluginSettings.DEFAULT_PARALLELISM));
  }
}
