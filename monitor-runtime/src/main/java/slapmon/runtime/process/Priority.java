package slapmon.runtime.process;

/**
 * The CPU priority a run gets. {@link #LOWERED} runs the executable through {@code nice -n 19}, so
 * that on a machine short of cores a promise that spins until its timeout takes the CPU only when
 * the well-behaved ones leave it idle; its children inherit the priority.
 */
public enum Priority {
  NORMAL,
  LOWERED
}
