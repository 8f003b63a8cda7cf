package slapmon.runtime.parameters;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Optional;
import slapmon.runtime.json.Json;

/**
 * The document of {@code config.result.json}: the last edit's outcome at the top, as it always
 * was, with the {@code upload} it answers; and under {@code uploads} the outcomes of the last
 * {@link #KEPT} uploads, oldest first, each with its {@code upload}, so that a client whose edit
 * was followed at once by another still finds its own outcome. Not thread-safe: the watcher's.
 */
final class ResultDocument {
  static final int KEPT = 8;

  /** Which upload an outcome answers: its identifier (uploads through WebDAV), when it came. */
  record Receipt(Optional<String> id, Instant received) {}

  private final Deque<ObjectNode> recent = new ArrayDeque<>();

  /** The document once {@code result}, the outcome of {@code content}, is the latest. */
  ObjectNode after(EditResult result, Receipt receipt, Optional<byte[]> content) {
    ObjectNode entry = result.json();
    ObjectNode upload = entry.putObject("upload");
    receipt.id().ifPresent(id -> upload.put("id", id));
    content.ifPresent(bytes -> upload.put("sha256", sha256(bytes)));
    upload.put("received", Json.isoDate(receipt.received()));
    recent.addLast(entry);
    while (recent.size() > KEPT) {
      recent.removeFirst();
    }
    ObjectNode document = entry.deepCopy();
    ArrayNode uploads = document.putArray("uploads");
    recent.forEach(uploads::add);
    return document;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
