package slapmon.runtime.collect;

import java.util.Optional;

/**
 * What one process of the partition used in a collect window, in the units of {@link
 * PartitionUsage}, with what is known of the process when it is still alive.
 */
record ProcessUsage(
    long pid,
    double cpuPercent,
    double cpuTime,
    double cpuThreads,
    double memoryPercent,
    double memoryRss,
    double ioRw,
    double ioCycles,
    Optional<ProcessInfo> info) {}
