package slapmon.runtime.io;

/** How far an {@link AtomicFiles} write has gone when it returns. */
public enum Durability {
  /**
   * On the disk (fsync before the rename): what is written rarely and needed as it was after a
   * power cut — configuration, passwords, archived days.
   */
  SYNCED,
  /**
   * In the kernel's cache only: files rewritten every period (a status, the day's history). The
   * rename still gives readers and a killed runtime the old file or the new one; a power cut may
   * cost the last periods, which the next runs write again. Syncing each of them is what kept
   * hundreds of promises a second waiting on the disk (decisions §19).
   */
  CACHED
}
