package slapmon.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import slapmon.config.layout.PartitionLayout;
import slapmon.runtime.io.AtomicFiles;
import slapmon.runtime.io.Durability;
import slapmon.runtime.json.Json;
import slapmon.runtime.opml.SubMonitorStates;

/**
 * Publishes the monitor's global state from the status files of the public folder: the private
 * and public {@code monitor.global.json}, the RSS feed {@code public/feed}, the success/error
 * series and the {@code _document_list} files, each written atomically; a root's status folds in
 * its sub-monitors' ({@link FleetStatus}). Calls must not overlap:
 * the scheduler calls {@link #publish} from one thread.
 */
public final class StatePublisher {
  /** What slapmon keeps in the private folder for its dashboard, listed by the original in none. */
  private static final Set<String> NOT_PRIVATE_DOCUMENTS =
      Set.of(withoutJson(SubMonitorStates.FILE_NAME));

  private final Path publicFolder;
  private final Path privateFolder;
  private final Path dataFolder;
  private final PartitionLayout layout;
  private final GlobalDocuments documents;
  private final FeedWriter feed;
  private final StateSeries series;
  private final List<URI> subMonitors;

  public StatePublisher(StateSettings settings) {
    Objects.requireNonNull(settings, "settings");
    this.publicFolder = settings.publicFolder();
    this.privateFolder = settings.privateFolder();
    this.layout = settings.layout();
    this.dataFolder = layout.dataDocuments();
    Links links = Links.of(settings);
    this.documents = new GlobalDocuments(settings, links);
    this.feed = new FeedWriter(documents.title(), settings.rootTitle(), links);
    this.series = new StateSeries(dataFolder, settings.seriesRows());
    this.subMonitors = settings.relatedMonitors();
  }

  /** The feed's content type, for the HTTP layer (SPEC D.43). */
  public static String feedContentType() {
    return FeedWriter.CONTENT_TYPE;
  }

  /**
   * Reads the status files as they are at {@code now} and writes every published document; a
   * status file that cannot be used is skipped and named in the result and in the private state.
   */
  public PublishSummary publish(Instant now, RunnerHealth health) throws IOException {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(health, "health");
    Files.createDirectories(publicFolder);
    Files.createDirectories(privateFolder);
    Files.createDirectories(dataFolder);
    StatusFolder.Snapshot snapshot = StatusFolder.read(publicFolder);
    Tally tally = Tally.of(snapshot.statuses());
    series.append(now, tally);
    FleetStatus fleet = FleetStatus.read(privateFolder, subMonitors);
    ObjectNode privateState = documents.privateState(now, tally, snapshot, health, parameters());
    fleet.applyTo(privateState, !subMonitors.isEmpty()); // the counts: a root's only
    LastConfigEdit.read(layout.configResult())
        .ifPresent(edit -> privateState.set(LastConfigEdit.FIELD, edit));
    AtomicFiles.write(
        privateFolder.resolve("monitor.global.json"), Json.bytes(privateState), Durability.CACHED);
    ObjectNode publicState = documents.publicState(now, tally, health);
    fleet.applyTo(publicState, false);
    AtomicFiles.write(
        publicFolder.resolve("monitor.global.json"), Json.bytes(publicState), Durability.CACHED);
    AtomicFiles.write(
        publicFolder.resolve("feed"), feed.render(now, snapshot.statuses()), Durability.CACHED);
    DocumentLists.write(publicFolder);
    DocumentLists.write(privateFolder, NOT_PRIVATE_DOCUMENTS);
    DocumentLists.write(dataFolder);
    return new PublishSummary(
        fleet.fold(tally.status()), tally.success(), tally.error(), tally.warning(),
        snapshot.skipped(), health.stale(now));
  }

  private static String withoutJson(String fileName) {
    return fileName.substring(0, fileName.length() - ".json".length());
  }

  /** The operator's parameters ({@code config/.jio_documents/config.json}), if readable. */
  private Optional<JsonNode> parameters() {
    Path file = layout.configJson();
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.read(file));
    } catch (IOException e) {
      return Optional.empty(); // being rewritten or broken: published again next time
    }
  }
}
