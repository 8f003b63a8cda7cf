package slapmon.runtime.task;

/**
 * A monotonic time source, in nanoseconds from an arbitrary origin: what schedules are kept on,
 * since the wall clock may step forward or back (NTP, an operator, a suspended VM). Readings are
 * compared by their difference only, as {@link System#nanoTime()}'s are.
 */
@FunctionalInterface
public interface Ticker {
  Ticker SYSTEM = System::nanoTime;

  long nanos();
}
