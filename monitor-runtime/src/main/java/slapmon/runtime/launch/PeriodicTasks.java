package slapmon.runtime.launch;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import slapmon.config.layout.PartitionLayout;
import slapmon.config.settings.MonitorSection;
import slapmon.runtime.bootstrap.BootstrapPaths;
import slapmon.runtime.collect.CollectTask;
import slapmon.runtime.io.AtomicFiles;
import slapmon.runtime.log.LogText;
import slapmon.runtime.opml.OpmlSettings;
import slapmon.runtime.opml.OpmlWriter;
import slapmon.runtime.opml.SubMonitorStates;
import slapmon.runtime.opml.SubMonitorTitle;
import slapmon.runtime.parameters.ParameterEditor;
import slapmon.runtime.parameters.UploadWatcher;
import slapmon.runtime.opml.SubMonitorTitles;
import slapmon.runtime.promise.PromiseEngine;
import slapmon.runtime.state.RunnerHealth;
import slapmon.runtime.state.StatePublisher;
import slapmon.runtime.state.StateSettings;
import slapmon.runtime.task.PeriodicTask;

/**
 * The periodic tasks of a running monitor (global state and feed, OPML, resource usage, config
 * documents, the uploaded edits), built from its configuration.
 */
final class PeriodicTasks {
  private static final System.Logger LOG = System.getLogger("slapmon.parameters");
  static final Duration TITLE_REFRESH = Duration.ofMinutes(5);

  private PeriodicTasks() {}

  /** How often the config documents' folder is looked at for an uploaded edit. */
  static final Duration UPLOAD_LOOK = Duration.ofSeconds(1);

  static List<PeriodicTask> tasks(
      RuntimeConfig config,
      PromiseEngine engine,
      ParameterEditor editor,
      Duration period,
      Clock clock)
      throws IOException {
    MonitorSection monitor = config.conf().monitor();
    PartitionLayout layout = config.layout();
    List<PeriodicTask> tasks = new ArrayList<>();
    tasks.add(stateTask(config, engine, period, clock));
    tasks.add(opmlTask(monitor, period, clock));
    tasks.add(parametersTask(editor, period));
    tasks.add(
        new CollectTask(
            layout.dataDocuments(), layout.collectorDb(), layout.partition(), period, clock));
    tasks.add(leftoversTask(layout));
    return tasks;
  }

  /**
   * The temporary files of writes cut short while the runtime runs (a killed {@code slapmon
   * promise run}, a process that died mid-write), removed as the bootstrap removes those of a
   * killed runtime; never one of a write in progress ({@link AtomicFiles#removeLeftovers}).
   */
  private static PeriodicTask leftoversTask(PartitionLayout layout) {
    List<Path> folders = layout.writtenFolders();
    return PeriodicTask.of(
        "leftovers",
        AtomicFiles.STALE_AFTER,
        AtomicFiles.STALE_AFTER,
        () -> {
          IOException failed = null;
          for (Path folder : folders) {
            try {
              AtomicFiles.removeLeftovers(folder);
            } catch (IOException e) {
              failed = e;
            }
          }
          if (failed != null) {
            throw failed;
          }
        });
  }

  /** monitor.global.json (both), the feed and the document lists, every period. */
  private static PeriodicTask stateTask(
      RuntimeConfig config, PromiseEngine engine, Duration period, Clock clock) {
    StatePublisher publisher = new StatePublisher(config.stateSettings());
    return task(
        "state",
        period,
        () -> {
          Instant now = clock.instant();
          RunnerHealth health =
              new RunnerHealth(engine.lastRun(), engine.nextRun().orElse(now.plus(period)), period);
          publisher.publish(now, health);
        });
  }

  /**
   * The OPML of this monitor and its sub-monitors, with their titles and states refreshed every
   * period (at most {@link #TITLE_REFRESH}): what was learnt of each sub-monitor goes to the
   * dashboard and, through {@code monitor.sub-monitors.json}, into the global state.
   */
  private static PeriodicTask opmlTask(MonitorSection monitor, Duration period, Clock clock)
      throws IOException {
    SubMonitorTitles titles;
    try {
      titles =
          SubMonitorTitles.create(
              monitor.monitorUrlList(),
              monitor.subMonitorCaFile(),
              SubMonitorTitles.DEFAULT_TIMEOUT);
    } catch (IOException e) {
      throw new IOException("[monitor] sub-monitor-ca-file: " + e.getMessage(), e);
    }
    OpmlSettings settings = RuntimeConfig.opmlSettings(monitor);
    OpmlWriter opml = OpmlWriter.inPublicFolder(settings);
    SubMonitorStates states = SubMonitorStates.inPrivateFolder(settings);
    return task(
        "opml",
        period.compareTo(TITLE_REFRESH) < 0 ? period : TITLE_REFRESH,
        () -> {
          Map<URI, SubMonitorTitle> refreshed = titles.refresh();
          Instant now = clock.instant();
          opml.write(settings, refreshed, now);
          states.write(settings, refreshed, now);
        });
  }

  /**
   * The config documents and the knowledge0 cfg, rewritten every period so that a parameter file
   * edited by hand shows up; problems are logged once each.
   */
  private static PeriodicTask parametersTask(ParameterEditor editor, Duration period) {
    Set<String> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();
    // The bootstrap has just written them: the first rewrite comes one period later.
    return PeriodicTask.of(
        "parameters",
        period,
        period,
        () -> {
          for (String problem : editor.rewriteDocuments()) {
            if (reported.add(problem)) {
              LOG.log(
                  System.Logger.Level.WARNING,
                  LogText.bounded("event=parameter-problem " + problem));
            }
          }
        });
  }

  /** An edit uploaded as config.tmp.json (SPEC §A.7.2), applied within a second or two. */
  static PeriodicTask uploadTask(PartitionLayout layout, ParameterEditor editor, Clock clock) {
    UploadWatcher watcher = new UploadWatcher(layout.configDocuments(), editor, clock);
    return PeriodicTask.of("config-edit", UPLOAD_LOOK, UPLOAD_LOOK, watcher::look);
  }

  static PeriodicTask task(String name, Duration every, PeriodicTask.Body body) {
    return PeriodicTask.of(name, Duration.ZERO, every, body);
  }
}
