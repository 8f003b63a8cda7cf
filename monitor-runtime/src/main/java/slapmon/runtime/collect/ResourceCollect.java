package slapmon.runtime.collect;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The partition resource collect, run once per period: it reads the partition's usage from the
 * collector database (or, without one, from {@code /proc}) and writes the legacy documents;
 * it never throws for an unreadable source, it reports it. One instance per partition; not for
 * concurrent calls.
 */
public final class ResourceCollect {
  private final UsageSource source;
  private final ResourceDocuments documents;

  public ResourceCollect(CollectSettings settings) {
    ProcFs proc = ProcFs.system();
    this.source =
        settings.collectorDb().isPresent()
            ? new DatabaseSource(settings.collectorDb().get(), settings.partitionUser(), proc)
            : new ProcSampler(
                proc,
                ProcessScope.of(
                    settings.partitionUid(),
                    ProcessHandle.current().pid(),
                    settings.partitionFolder()),
                settings.partitionFolder().map(
                    f -> new FolderSize(
                        f, FolderSize.DEFAULT_ENTRY_CAP, FolderSize.DEFAULT_REFRESH)));
    this.documents = new ResourceDocuments(settings.outputFolder(), settings.seriesLimit());
  }

  /** The real uid of this JVM: in SlapOS, the partition's own user. */
  public static long currentUid() throws IOException {
    return ProcFs.system().currentUid();
  }

  /**
   * Collects the period ending at {@code now} and writes the documents; a source that cannot be
   * read gives a zero status with its {@code error}, and keeps the series.
   */
  public CollectOutcome collect(Instant now) {
    Collected collected;
    try {
      collected = source.collect(now);
    } catch (IOException e) {
      return unavailable(e.getMessage(), now);
    }
    try {
      documents.write(collected, now);
    } catch (IOException e) {
      return failed(e.getMessage());
    }
    return new CollectOutcome(source.kind(), collected.processes().size(), Optional.empty());
  }

  private CollectOutcome unavailable(String problem, Instant now) {
    try {
      documents.writeUnavailable(problem, now);
      return failed(problem);
    } catch (IOException e) {
      return failed(problem + "; " + e.getMessage());
    }
  }

  private CollectOutcome failed(String problem) {
    return new CollectOutcome(source.kind(), 0, Optional.of(problem));
  }
}
