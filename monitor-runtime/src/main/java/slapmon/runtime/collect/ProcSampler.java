package slapmon.runtime.collect;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import slapmon.runtime.json.Json;

/**
 * Samples the partition's processes from {@code /proc}, in the collector's units; CPU percent is
 * the share of one CPU used since the previous sample (0 at the first), disk use is the
 * partition folder's when there is one. A sample is dated to its second: periods can be shorter
 * than the collector database's minute.
 */
final class ProcSampler implements UsageSource {
  private static final double MIB = 1024 * 1024;

  private final ProcFs proc;
  private final ProcessScope scope;
  private final Optional<FolderSize> disk;
  private Map<String, Long> previousTicks = Map.of();
  private Instant previousAt;

  ProcSampler(ProcFs proc, ProcessScope scope, Optional<FolderSize> disk) {
    this.proc = proc;
    this.scope = scope;
    this.disk = disk;
  }

  @Override
  public synchronized Collected collect(Instant now) throws IOException {
    List<ProcReading> readings = scope.select(proc.processes(), proc);
    double memTotal = proc.memTotalBytes();
    long boot = proc.bootTimeSeconds();
    List<ProcessUsage> processes = new ArrayList<>();
    Map<String, Long> ticks = new HashMap<>();
    for (ProcReading r : readings) {
      ticks.put(r.key(), r.cpuTicks());
      processes.add(usage(r, cpuPercent(r, now, boot), memTotal, boot));
    }
    processes.sort(
        Comparator.comparingDouble(ProcessUsage::cpuPercent).reversed()
            .thenComparingLong(ProcessUsage::pid));
    previousTicks = ticks;
    previousAt = now;
    OptionalDouble diskUsed =
        disk.map(d -> d.mebibytes(now)).orElse(OptionalDouble.empty());
    return new Collected(
        totals(Json.legacyDate(now.truncatedTo(ChronoUnit.SECONDS)), processes, diskUsed),
        processes);
  }

  /** Percent of one CPU since the previous sample, or since its start for a newer process. */
  private double cpuPercent(ProcReading r, Instant now, long boot) {
    if (previousAt == null) {
      return 0;
    }
    Long before = previousTicks.get(r.key());
    Instant since = previousAt;
    if (before == null) {
      Instant started = Instant.ofEpochMilli(boot * 1000 + r.startTicks() * 1000 / ProcFs.TICKS_PER_SECOND);
      since = started.isAfter(previousAt) ? started : previousAt;
      before = 0L;
    }
    double seconds = Duration.between(since, now).toMillis() / 1000.0;
    double used = (double) (r.cpuTicks() - before) / ProcFs.TICKS_PER_SECOND;
    return seconds > 0 ? Math.max(0, used / seconds * 100) : 0;
  }

  private ProcessUsage usage(ProcReading r, double cpuPercent, double memTotal, long boot) {
    return new ProcessUsage(
        r.pid(),
        cpuPercent,
        (double) r.cpuTicks() / ProcFs.TICKS_PER_SECOND / 60,
        r.threads(),
        memTotal > 0 ? r.rssBytes() / memTotal * 100 : 0,
        r.rssBytes() / MIB,
        r.io().map(ProcReading.Io::bytes).orElse(0L),
        r.io().map(ProcReading.Io::calls).orElse(0L),
        ProcessInfo.of(proc, r.pid(), boot));
  }

  private static PartitionUsage totals(
      String date, List<ProcessUsage> processes, OptionalDouble diskUsed) {
    double[] sum = new double[7];
    for (ProcessUsage p : processes) {
      sum[0] += p.cpuPercent();
      sum[1] += p.cpuTime();
      sum[2] += p.cpuThreads();
      sum[3] += p.memoryPercent();
      sum[4] += p.memoryRss();
      sum[5] += p.ioRw();
      sum[6] += p.ioCycles();
    }
    return new PartitionUsage(date, processes.size(), sum[0], sum[1], sum[2], sum[3], sum[4],
        sum[5], sum[6], diskUsed);
  }

  @Override
  public CollectOutcome.Source kind() {
    return CollectOutcome.Source.PROC;
  }
}
