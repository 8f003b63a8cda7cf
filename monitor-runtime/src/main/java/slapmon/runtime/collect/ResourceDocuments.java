package slapmon.runtime.collect;

import static slapmon.runtime.collect.Numbers.round2;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import slapmon.runtime.io.AtomicFiles;
import slapmon.runtime.json.Json;

/**
 * The five legacy collect documents of {@code private/data/.jio_documents/}: three series, the
 * partition status and the per-process list, each written atomically.
 */
final class ResourceDocuments {
  static final String PROCESS_SERIES = "monitor_resource_process.data.json";
  static final String MEMORY_SERIES = "monitor_resource_memory.data.json";
  static final String IO_SERIES = "monitor_resource_io.data.json";
  static final String STATUS = "monitor_resource.status.json";
  static final String PROCESSES = "monitor_process_resource.status.json";

  private static final List<String> LABELS =
      List.of("date", "total_process", "cpu_percent", "cpu_time", "cpu_num_threads",
          "memory_percent", "memory_rss", "io_rw_counter", "io_cycles_counter", "disk_used");

  private final Path folder;
  private final DataSeries processSeries;
  private final DataSeries memorySeries;
  private final DataSeries ioSeries;

  ResourceDocuments(Path folder, int seriesLimit) {
    this.folder = folder;
    processSeries = new DataSeries(folder.resolve(PROCESS_SERIES),
        "date, total process, CPU percent, CPU time, CPU threads", seriesLimit);
    memorySeries = new DataSeries(folder.resolve(MEMORY_SERIES),
        "date, memory used percent, memory used", seriesLimit);
    ioSeries = new DataSeries(folder.resolve(IO_SERIES),
        "date, io rw counter, io cycles counter, disk used", seriesLimit);
  }

  /** Appends each non-zero group to its series, then replaces the two status documents. */
  void write(Collected collected, Instant now) throws IOException {
    createFolder();
    PartitionUsage u = collected.usage();
    Map<String, Object> status = new LinkedHashMap<>();
    Map<String, Object> process = new LinkedHashMap<>();
    process.put("total_process", u.processes());
    process.put("cpu_percent", round2(u.cpuPercent()));
    process.put("cpu_time", round2(u.cpuTime()));
    process.put("cpu_num_threads", round2(u.cpuThreads()));
    process.put("date", u.date());
    add(processSeries, process, u.processes() != 0, status, now);
    Map<String, Object> memory = new LinkedHashMap<>();
    memory.put("memory_percent", round2(u.memoryPercent()));
    memory.put("memory_rss", round2(u.memoryRss()));
    memory.put("date", u.date());
    add(memorySeries, memory, isNonZero(memory.get("memory_rss")), status, now);
    Map<String, Object> io = new LinkedHashMap<>();
    io.put("io_rw_counter", round2(u.ioRw()));
    io.put("io_cycles_counter", round2(u.ioCycles()));
    io.put("disk_used", u.diskUsed().isPresent() ? round2(u.diskUsed().getAsDouble()) : 0);
    io.put("date", u.date());
    add(ioSeries, io, isNonZero(io.get("io_rw_counter")), status, now);
    AtomicFiles.write(folder.resolve(STATUS), Json.bytes(status));
    writeProcesses(collected.processes());
  }

  /**
   * Reports that nothing could be read: a zero status carrying {@code error}, an empty process
   * list, and the series created if missing but otherwise left as they were (D.35).
   */
  void writeUnavailable(String problem, Instant now) throws IOException {
    createFolder();
    processSeries.ensure(now);
    memorySeries.ensure(now);
    ioSeries.ensure(now);
    Map<String, Object> status = new LinkedHashMap<>();
    for (String label : LABELS) {
      status.put(label, label.equals("date") ? "" : 0);
    }
    status.put("error", problem);
    AtomicFiles.write(folder.resolve(STATUS), Json.bytes(status));
    writeProcesses(List.of());
  }

  private void createFolder() throws IOException {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new IOException(folder + ": could not create folder: " + e.getMessage(), e);
    }
  }

  private static void add(DataSeries series, Map<String, Object> group, boolean nonZero,
      Map<String, Object> status, Instant now) throws IOException {
    if (!nonZero) {
      series.ensure(now);
      return;
    }
    series.append(row(group), now);
    status.putAll(group);
  }

  /** {@code "2017-10-06 12:00:00, 14, 7.3, 21.71, 84.0"}: the group's values in label order. */
  static String row(Map<String, Object> group) {
    return LABELS.stream()
        .filter(group::containsKey)
        .map(label -> Numbers.text(group.get(label)))
        .collect(Collectors.joining(", "));
  }

  private static boolean isNonZero(Object value) {
    return ((BigDecimal) value).signum() != 0;
  }

  /** The per-process list, always written: an empty list says "no process", never stale data. */
  private void writeProcesses(List<ProcessUsage> processes) throws IOException {
    List<Map<String, Object>> list = new ArrayList<>();
    for (ProcessUsage p : processes) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("pid", p.pid());
      entry.put("cpu_percent", round2(p.cpuPercent()));
      entry.put("cpu_time", round2(p.cpuTime()));
      entry.put("cpu_num_threads", round2(p.cpuThreads()));
      entry.put("memory_percent", round2(p.memoryPercent()));
      entry.put("memory_rss", round2(p.memoryRss()));
      entry.put("io_rw_counter", round2(p.ioRw()));
      entry.put("io_cycles_counter", round2(p.ioCycles()));
      p.info().ifPresent(info -> {
        entry.put("name", info.name());
        entry.put("command", info.command());
        entry.put("user", info.user());
        entry.put("date", Json.legacyDate(info.started()));
      });
      list.add(entry);
    }
    AtomicFiles.write(folder.resolve(PROCESSES), Json.bytes(list));
  }
}
