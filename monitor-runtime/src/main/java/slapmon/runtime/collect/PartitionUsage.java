package slapmon.runtime.collect;

import java.util.OptionalDouble;

/**
 * The resources the partition's processes used in one collect window: CPU time in CPU-minutes,
 * memory and disk in MiB, I/O as cumulative counters; {@code diskUsed} is empty when unknown.
 */
record PartitionUsage(
    String date,
    long processes,
    double cpuPercent,
    double cpuTime,
    double cpuThreads,
    double memoryPercent,
    double memoryRss,
    double ioRw,
    double ioCycles,
    OptionalDouble diskUsed) {}
