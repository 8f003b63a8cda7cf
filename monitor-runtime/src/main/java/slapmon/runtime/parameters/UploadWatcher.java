package slapmon.runtime.parameters;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import slapmon.config.layout.PartitionLayout;
import slapmon.runtime.io.AtomicFiles;
import slapmon.runtime.json.Json;
import slapmon.runtime.log.LogText;

/**
 * Applies the uploaded edits (the OfficeJS protocol, SPEC §A.7.2) with the {@link ParameterEditor}
 * and writes each outcome to {@code config.result.json} ({@link ResultDocument}). Two sources:
 *
 * <ul>
 *   <li>the uploads that WebDAV PUT to {@code config.tmp.json} and the {@link UploadQueue} kept,
 *       each whole, all of them at each look, in the order they came;
 *   <li>a {@code config.tmp.json} written there by other means (a shell, a WebDAV MOVE), applied
 *       once complete: unchanged between two looks and parseable JSON (or, if it never parses,
 *       unchanged for {@link #QUIET_LOOKS_BEFORE_REFUSING} looks). It is first renamed to a
 *       private name, so a new one arriving meanwhile is kept for the next look. Such a file
 *       replaced before a look is never seen: the last one written wins, as on any file.
 * </ul>
 *
 * <p>Each upload is removed after processing, whatever the outcome. Calls must not overlap: one
 * thread calls {@link #look()}, about once a second.
 */
public final class UploadWatcher {
  public static final String UPLOAD = PartitionLayout.ConfigFiles.UPLOAD;
  public static final String RESULT = PartitionLayout.ConfigFiles.RESULT;
  /** The upload while it is being applied; left behind by a crash, it is applied at the next look. */
  static final String CLAIMED = ".config.tmp.json.applying";
  static final int QUIET_LOOKS_BEFORE_REFUSING = 5;

  private static final System.Logger LOG = System.getLogger("slapmon.parameters");

  private final Path folder;
  private final ParameterEditor editor;
  private final Clock clock;
  private final ResultDocument document = new ResultDocument();
  private List<Object> lastStamp = List.of();
  private int quietLooks;

  public UploadWatcher(Path folder, ParameterEditor editor, Clock clock) {
    this.folder = Objects.requireNonNull(folder, "folder");
    this.editor = Objects.requireNonNull(editor, "editor");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** One look at the folder; applies what is complete. Returns the results, in order. */
  public List<EditResult> look() throws IOException {
    List<EditResult> results = new ArrayList<>();
    Path claimed = folder.resolve(CLAIMED);
    if (Files.isRegularFile(claimed, LinkOption.NOFOLLOW_LINKS)) {
      results.add(process(claimed, Optional.empty()));
    }
    for (UploadQueue.Waiting waiting : UploadQueue.waiting(folder)) {
      results.add(process(waiting.file(), Optional.of(waiting.id())));
    }
    lookAtUpload().ifPresent(results::add);
    return results;
  }

  /** The {@code config.tmp.json} written by other means than a WebDAV PUT, once complete. */
  private Optional<EditResult> lookAtUpload() throws IOException {
    Path upload = folder.resolve(UPLOAD);
    List<Object> stamp = stampOf(upload);
    if (stamp.isEmpty()) {
      lastStamp = stamp;
      return Optional.empty();
    }
    boolean tooLarge = (long) stamp.get(0) > Upload.MAX_BYTES;
    if (!tooLarge && !stamp.equals(lastStamp)) {
      lastStamp = stamp;
      quietLooks = 0;
      return Optional.empty(); // maybe still being written: look again
    }
    quietLooks++;
    if (!tooLarge && !parses(upload) && quietLooks < QUIET_LOOKS_BEFORE_REFUSING) {
      return Optional.empty();
    }
    lastStamp = List.of();
    Path claimed = folder.resolve(CLAIMED);
    Files.move(upload, claimed, ATOMIC_MOVE, REPLACE_EXISTING);
    return Optional.of(process(claimed, Optional.empty()));
  }

  private EditResult process(Path file, Optional<String> id) throws IOException {
    EditResult result;
    Optional<byte[]> content = Optional.empty();
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    if (attributes.size() > Upload.MAX_BYTES) {
      result =
          EditResult.malformed(
              clock.instant(),
              "the upload is " + attributes.size() + " bytes long, at most " + Upload.MAX_BYTES
                  + " allowed");
    } else {
      content = Optional.of(Files.readAllBytes(file));
      result = apply(content.get());
    }
    ResultDocument.Receipt receipt =
        new ResultDocument.Receipt(id, attributes.lastModifiedTime().toInstant());
    AtomicFiles.write(folder.resolve(RESULT), Json.bytes(document.after(result, receipt, content)));
    Files.deleteIfExists(file);
    LOG.log(
        result.status() == EditResult.Status.APPLIED ? Level.INFO : Level.WARNING,
        LogText.bounded(
            "event=config-edit status=" + result.status().json()
                + id.map(upload -> " upload=" + upload).orElse("")
                + " keys=" + result.outcomes()));
    return result;
  }

  private EditResult apply(byte[] upload) {
    try {
      return editor.apply(upload, clock.instant());
    } catch (RuntimeException e) {
      // Never retried: the upload is consumed, and the reason is the one thing the client sees.
      LOG.log(Level.ERROR, LogText.bounded("event=config-edit-crashed error=" + e), e);
      return new EditResult(
          clock.instant(),
          EditResult.Status.FAILED,
          Optional.of("internal error while applying: " + e.getClass().getSimpleName()),
          Map.of());
    }
  }

  private static boolean parses(Path upload) {
    try {
      return Upload.complete(Files.readAllBytes(upload));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Size, modification time and identity of {@code file}; empty when it does not exist or is not a
   * regular file (a folder or a link there is no upload, and is left alone).
   */
  private static List<Object> stampOf(Path file) throws IOException {
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isRegularFile()) {
        return List.of();
      }
      Object key = attributes.fileKey() == null ? "" : attributes.fileKey();
      return List.of(attributes.size(), attributes.lastModifiedTime(), key);
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }
}
