package slapmon.runtime.parameters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import slapmon.runtime.http.dav.PutReceiver;
import slapmon.runtime.io.AtomicFiles;

/**
 * The uploads PUT over WebDAV to {@code config.tmp.json}, each kept in a file of its own in the
 * config documents' folder, in the order they came, until the {@link UploadWatcher} applies it:
 * two edits sent a moment apart are both applied, in order, each with its own outcome, where
 * the second used to overwrite the first unseen. Each gets an identifier, sent back to the
 * client and repeated in config.result.json. At most {@link #MAX_WAITING} wait at a time.
 */
public final class UploadQueue implements PutReceiver {
  static final int MAX_WAITING = 16;
  private static final String PREFIX = ".config.tmp.json.queued-";
  private static final Pattern NAME =
      Pattern.compile(Pattern.quote(PREFIX) + "([0-9]{12})-([0-9a-f]{16})");

  /** One upload waiting: its file, its place in the queue and its identifier. */
  record Waiting(Path file, long sequence, String id) {}

  private final Path folder;
  private final SecureRandom random = new SecureRandom();

  /** @param folder {@code private/config/.jio_documents} */
  public UploadQueue(Path folder) {
    this.folder = Objects.requireNonNull(folder, "folder");
  }

  @Override
  public boolean receives(Path file) throws IOException {
    Path parent = file.getParent();
    if (parent == null || !file.getFileName().toString().equals(UploadWatcher.UPLOAD)) {
      return false;
    }
    try {
      // The same folder is reached as private/config and as jio_private/config.
      return Files.isSameFile(parent, folder);
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  @Override
  public synchronized String receive(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(Upload.MAX_BYTES + 1);
    if (bytes.length > Upload.MAX_BYTES) {
      throw new Refused(413, "an upload is at most " + Upload.MAX_BYTES + " bytes long");
    }
    List<Waiting> waiting = waiting(folder);
    if (waiting.size() >= MAX_WAITING) {
      throw new Refused(503, waiting.size() + " edits are waiting to be applied; try again");
    }
    long sequence = waiting.isEmpty() ? 1 : waiting.get(waiting.size() - 1).sequence() + 1;
    byte[] idBytes = new byte[8];
    random.nextBytes(idBytes);
    String id = HexFormat.of().formatHex(idBytes);
    // It may hold a password: the owner's only, as config.json.
    AtomicFiles.write(
        folder.resolve(String.format("%s%012d-%s", PREFIX, sequence, id)),
        bytes,
        PosixFilePermissions.fromString("rw-------"));
    return id;
  }

  /** The uploads waiting in {@code folder}, first come first. */
  static List<Waiting> waiting(Path folder) throws IOException {
    List<Waiting> waiting = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Matcher name = NAME.matcher(file.getFileName().toString());
        if (name.matches() && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          waiting.add(new Waiting(file, Long.parseLong(name.group(1)), name.group(2)));
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    }
    waiting.sort(Comparator.comparingLong(Waiting::sequence));
    return waiting;
  }
}
