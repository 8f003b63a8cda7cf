package slapmon.runtime.http.auth;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

/**
 * Bounds the password checks that run bcrypt, so that guesses cannot take the CPU or the server's
 * worker threads from everything else: each {@link Lane} runs {@link #RUNNING_PER_LANE} check at a
 * time with at most {@link #WAITING_PER_LANE} queued behind it (in arrival order); a check finding
 * its lane full is not run. Suspect clients have their own lane, so guessing from one (user,
 * address) pair only delays that pair. A credential in the verified cache never comes here.
 */
public final class SlowCheckGate {
  static final int RUNNING_PER_LANE = 1;
  static final int WAITING_PER_LANE = 1;

  /** Who a check is for. */
  enum Lane {
    /** A client without recent failures. */
    CLEAR,
    /** A (user, address) pair that has failed repeatedly ({@link FailureThrottle#suspect}). */
    SUSPECT
  }

  private final Map<Lane, Semaphore> admitted = new EnumMap<>(Lane.class);
  private final Map<Lane, Semaphore> running = new EnumMap<>(Lane.class);

  /** An idle gate; one per server, shared by all its authenticated routes. */
  public SlowCheckGate() {
    for (Lane lane : Lane.values()) {
      admitted.put(lane, new Semaphore(RUNNING_PER_LANE + WAITING_PER_LANE));
      running.put(lane, new Semaphore(RUNNING_PER_LANE, true));
    }
  }

  /** The result of {@code check}, run in {@code lane}; empty when the lane is full. */
  Optional<Boolean> check(Lane lane, BooleanSupplier check) throws InterruptedException {
    Semaphore admission = admitted.get(lane);
    if (!admission.tryAcquire()) {
      return Optional.empty();
    }
    try {
      Semaphore turn = running.get(lane);
      turn.acquire(); // waits for at most WAITING_PER_LANE checks ahead
      try {
        return Optional.of(check.getAsBoolean());
      } finally {
        turn.release();
      }
    } finally {
      admission.release();
    }
  }

  /** How many checks of {@code lane} run or wait now. */
  int inFlight(Lane lane) {
    return RUNNING_PER_LANE + WAITING_PER_LANE - admitted.get(lane).availablePermits();
  }

  @Override
  public String toString() {
    return "slow-check-gate(clear=" + inFlight(Lane.CLEAR) + ", suspect=" + inFlight(Lane.SUSPECT)
        + ", per-lane=" + (RUNNING_PER_LANE + WAITING_PER_LANE) + ")";
  }
}
