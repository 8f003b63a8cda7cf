package slapmon.runtime.metrics;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The JVM's and the process's own metrics ({@code jvm_*}, {@code process_*}), from the Prometheus
 * Java client's instrumentation: one registry for the process, whatever the servers in it.
 */
final class JvmRegistry {
  private static final PrometheusRegistry REGISTRY = create();

  private JvmRegistry() {}

  private static PrometheusRegistry create() {
    PrometheusRegistry registry = new PrometheusRegistry();
    JvmMetrics.builder().register(registry);
    return registry;
  }

  static MetricSnapshots scrape() {
    return REGISTRY.scrape();
  }
}
