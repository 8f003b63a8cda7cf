package slapmon.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import slapmon.config.settings.MonitorSection;
import slapmon.runtime.promise.PromiseEngine;

/** The periodic publication tasks of a running monitor, built from its configuration. */
final class Publication {
  private Publication() {}

  static List<RunningMonitor.PeriodicTask> tasks(
      RuntimeConfig config, PromiseEngine engine, Duration period, Clock clock) throws IOException {
    MonitorSection monitor = config.conf().monitor();
    Path documents = monitor.folders().privateFolder().resolve("data").resolve(".jio_documents");
    List<RunningMonitor.PeriodicTask> tasks = new ArrayList<>();
    tasks.add(new CollectTask(documents, monitor.seedEra().collectorDb(), period, clock));
    return tasks;
  }
}
