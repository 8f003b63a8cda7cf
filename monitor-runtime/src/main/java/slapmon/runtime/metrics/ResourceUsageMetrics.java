package slapmon.runtime.metrics;

import static slapmon.runtime.metrics.Series.gauge;

import com.fasterxml.jackson.databind.JsonNode;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import slapmon.runtime.json.Json;
import slapmon.runtime.metrics.Series.Point;

/**
 * The partition's resource usage as the collect task last measured it, read from the status
 * document it writes ({@code monitor_resource.status.json}), converted to base units: MiB to
 * bytes, percents to ratios. Nothing but {@code slapmon_partition_usage_available 0} while the
 * collect has not measured anything or could not.
 */
final class ResourceUsageMetrics {
  static final String DOCUMENT = "monitor_resource.status.json";
  private static final double MIB = 1024 * 1024;

  private ResourceUsageMetrics() {}

  /** @param documents the collect's folder, {@code private/data/.jio_documents} */
  static List<MetricSnapshot> read(Path documents) {
    JsonNode status;
    try {
      status = Json.read(documents.resolve(DOCUMENT));
    } catch (IOException | RuntimeException e) {
      status = null; // not collected yet, or torn by a foreign writer
    }
    boolean available =
        status != null && status.isObject() && !status.has("error")
            && status.path("date").asText("").length() > 0;
    List<MetricSnapshot> snapshots = new ArrayList<>();
    snapshots.add(
        gauge("slapmon_partition_usage_available",
            "1 when the partition's resource usage was measured by the latest collect, else 0",
            List.of(Point.of(available ? 1 : 0))));
    if (!available) {
      return snapshots;
    }
    add(snapshots, status, "total_process", "slapmon_partition_processes",
        "Processes of the partition", 1);
    add(snapshots, status, "cpu_num_threads", "slapmon_partition_threads",
        "Threads of the partition's processes", 1);
    add(snapshots, status, "cpu_percent", "slapmon_partition_cpu_usage_ratio",
        "CPU used by the partition's processes, in CPUs (1 is one whole CPU)", 0.01);
    add(snapshots, status, "memory_percent", "slapmon_partition_memory_usage_ratio",
        "Share of the machine's memory the partition's processes use", 0.01);
    add(snapshots, status, "memory_rss", "slapmon_partition_memory_rss_bytes",
        "Resident memory of the partition's processes", MIB);
    if (status.path("disk_used").asDouble(0) > 0) {
      add(snapshots, status, "disk_used", "slapmon_partition_disk_used_bytes",
          "Disk space the partition uses", MIB);
    }
    return snapshots;
  }

  private static void add(List<MetricSnapshot> snapshots, JsonNode status, String field,
      String name, String help, double factor) {
    JsonNode value = status.path(field);
    if (value.isNumber()) {
      snapshots.add(gauge(name, help, List.of(Point.of(value.asDouble() * factor))));
    }
  }
}
