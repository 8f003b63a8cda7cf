package slapmon.runtime.launch;

import javax.management.MBeanServer;
import javax.management.MBeanServerBuilder;
import javax.management.MBeanServerDelegate;

/**
 * XNIO registers MBeans for its provider, workers and servers in the JDK's platform MBean server,
 * and so makes that server at every start: each platform MXBean (memory, threads, class loading,
 * the flight recorder...) introspected and registered, some 500 classes, most of the preparation
 * that the server's start waits for. Nothing reads XNIO's MBeans. While {@link #around} makes
 * XNIO's provider, this builder refuses an MBean server to that thread only: XNIO ignores a failed
 * registration and registers none, then or later. The executor of XNIO's workers (jboss-threads)
 * is told to register none either (its own property), else Undertow's start would make the server.
 * The platform MBean server is made as before, with every platform MXBean, by whatever asks for
 * it (a JMX console attached to the process).
 */
public final class NoMBeanServerForXnio extends MBeanServerBuilder {
  /** The JDK's property naming the builder of MBean servers, read at each server made. */
  static final String BUILDER = "javax.management.builder.initial";
  /** jboss-threads' property: its executors register no MBean (read once, at its first one). */
  static final String EXECUTOR_MBEANS_DISABLED = "jboss.threads.eqe.disable-mbean";

  private static final ThreadLocal<Boolean> REFUSING = ThreadLocal.withInitial(() -> false);

  /** For {@link javax.management.MBeanServerFactory}, which makes the builder it is named. */
  public NoMBeanServerForXnio() {}

  @Override
  public MBeanServer newMBeanServer(
      String defaultDomain, MBeanServer outer, MBeanServerDelegate delegate) {
    if (REFUSING.get()) {
      throw new UnsupportedOperationException("no MBean server for XNIO's own MBeans");
    }
    return super.newMBeanServer(defaultDomain, outer, delegate);
  }

  /**
   * Runs {@code makeXnio} with this builder named, refusing the MBean server to this thread; the
   * property is as it was afterwards. A builder named by the operator is left alone, as is the
   * executors' property if set.
   */
  static synchronized void around(Runnable makeXnio) {
    if (System.getProperty(EXECUTOR_MBEANS_DISABLED) == null) {
      System.setProperty(EXECUTOR_MBEANS_DISABLED, "true");
    }
    if (System.getProperty(BUILDER) != null) {
      makeXnio.run();
      return;
    }
    System.setProperty(BUILDER, NoMBeanServerForXnio.class.getName());
    REFUSING.set(true);
    try {
      makeXnio.run();
    } finally {
      REFUSING.remove();
      System.clearProperty(BUILDER);
    }
  }
}
