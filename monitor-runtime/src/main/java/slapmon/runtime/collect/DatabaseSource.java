package slapmon.runtime.collect;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the last full UTC minute of one partition from the collector database, read-only. */
final class DatabaseSource implements UsageSource {
  private final Path database;
  private final String partition;
  private final ProcFs proc;

  DatabaseSource(Path database, String partition, ProcFs proc) {
    this.database = database;
    this.partition = partition;
    this.proc = proc;
  }

  @Override
  public Collected collect(Instant now) throws IOException {
    return collect(Window.previousMinute(now));
  }

  /** The partition's rows in {@code window}, with what is known of the processes still alive. */
  Collected collect(Window window) throws IOException {
    try (CollectorDatabase db = CollectorDatabase.open(database)) {
      PartitionUsage usage = db.usage(partition, window);
      return new Collected(usage, withInfo(db.processes(partition, window)));
    }
  }

  private List<ProcessUsage> withInfo(List<ProcessUsage> processes) {
    long boot;
    try {
      boot = proc.bootTimeSeconds();
    } catch (IOException | RuntimeException noProc) {
      return processes; // not Linux: the rows stand without names
    }
    List<ProcessUsage> found = new ArrayList<>();
    for (ProcessUsage p : processes) {
      Optional<ProcessInfo> info = ProcessInfo.of(proc, p.pid(), boot);
      found.add(
          new ProcessUsage(
              p.pid(), p.cpuPercent(), p.cpuTime(), p.cpuThreads(), p.memoryPercent(),
              p.memoryRss(), p.ioRw(), p.ioCycles(), info));
    }
    return found;
  }

  @Override
  public CollectOutcome.Source kind() {
    return CollectOutcome.Source.COLLECTOR_DB;
  }
}
