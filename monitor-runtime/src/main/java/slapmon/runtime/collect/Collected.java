package slapmon.runtime.collect;

import java.util.List;

/** One period's result: the partition's totals and its processes, busiest first. */
record Collected(PartitionUsage usage, List<ProcessUsage> processes) {
  Collected {
    processes = List.copyOf(processes);
  }
}
