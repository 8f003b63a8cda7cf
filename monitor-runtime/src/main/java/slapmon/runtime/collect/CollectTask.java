package slapmon.runtime.collect;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import slapmon.runtime.task.PeriodicTask;

/**
 * Resource usage every period: from the node's collector database while it exists, otherwise from
 * the partition's processes in {@code /proc} and the size of its folder. Problems are logged once each, not every minute.
 */
public final class CollectTask implements PeriodicTask {
  private static final System.Logger LOG = System.getLogger("slapmon.collect");

  private final Optional<Path> database;
  private final ResourceCollect fromDatabase;
  private final ResourceCollect fromProc;
  private final Duration every;
  private final Clock clock;
  private Optional<String> lastProblem = Optional.empty();

  public CollectTask(
      Path outputFolder, Optional<Path> database, Path partition, Duration every, Clock clock)
      throws IOException {
    String user = System.getProperty("user.name", "");
    long uid = ResourceCollect.currentUid();
    this.database = database;
    this.fromDatabase =
        new ResourceCollect(
            new CollectSettings(outputFolder, database, user, uid, CollectSettings.DEFAULT_SERIES_LIMIT));
    this.fromProc =
        new ResourceCollect(
            new CollectSettings(
                outputFolder, Optional.empty(), user, uid, CollectSettings.DEFAULT_SERIES_LIMIT,
                Optional.of(partition)));
    this.every = every;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "collect";
  }

  @Override
  public Duration every() {
    return every;
  }

  @Override
  public void run() {
    boolean useDatabase = database.isPresent() && Files.isRegularFile(database.get());
    CollectOutcome outcome = (useDatabase ? fromDatabase : fromProc).collect(clock.instant());
    if (!outcome.problem().equals(lastProblem)) {
      outcome.problem().ifPresent(p -> LOG.log(Level.WARNING, "event=collect-problem " + p));
      lastProblem = outcome.problem();
    }
  }
}
