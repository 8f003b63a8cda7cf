package slapmon.runtime.parameters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import slapmon.config.settings.ParameterLine;
import slapmon.config.settings.ParameterLine.FileParameter;
import slapmon.config.settings.ParameterLine.HtpasswdParameter;
import slapmon.config.settings.ParameterLine.HttpdCorsParameter;
import slapmon.config.settings.ParameterLine.Raw;
import slapmon.runtime.http.auth.ApacheHtpasswd;
import slapmon.runtime.json.Json;
import slapmon.runtime.process.ProcessRunner;

/**
 * The partition of the original's write-back tests (SPEC §C.3), with a real graceful program that
 * counts its calls, a promise-timeout file, and an htpasswd file made by Apache's htpasswd that
 * already holds another user.
 */
final class EditFixture {
  static final String OTHER_USER = "viewer";
  static final String OTHER_PASSWORD = "v1ew:er$";

  final Path base;
  final Path folder;
  final Path knowledge;
  final Path htpasswd;
  final Path passwordFile;
  final Path content;
  final Path corsFile;
  final Path savedCors;
  final Path graceful;
  final Path gracefulLog;
  final Path timeout;
  final AppliedEdits edits;
  final ParameterEditor editor;
  final UploadWatcher watcher;
  final List<ParameterLine> parameters;

  EditFixture(Path base, boolean withCors) throws IOException, InterruptedException {
    this.base = base;
    folder = Files.createDirectories(base.resolve("private/config/.jio_documents"));
    knowledge = base.resolve("config.cfg");
    htpasswd = base.resolve("monitor-htpasswd");
    passwordFile = base.resolve(".httpd_pwd_real");
    content = base.resolve("content");
    corsFile = base.resolve("test-httpd-cors.cfg");
    savedCors = base.resolve("prev_test-httpd-cors.cfg");
    graceful = base.resolve("graceful");
    gracefulLog = base.resolve("graceful.log");
    timeout = base.resolve("promise_timeout");
    ApacheHtpasswd.set(htpasswd, "-m", OTHER_USER, OTHER_PASSWORD);
    Files.writeString(corsFile, "");
    Files.writeString(timeout, "20\n");
    Files.writeString(graceful, "#!/bin/sh\necho restarted >> " + gracefulLog + "\n");
    Files.setPosixFilePermissions(graceful, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<ParameterLine> lines = new ArrayList<>();
    lines.add(new Raw("raw-content2", "raw content2"));
    lines.add(new HtpasswdParameter("httpd-password", passwordFile, "admin", htpasswd));
    lines.add(new FileParameter("from-file", content));
    if (withCors) {
      lines.add(new HttpdCorsParameter("cors-domain", corsFile, graceful));
    }
    lines.add(new Raw("raw-value", "raw content"));
    lines.add(new FileParameter("promise-timeout", timeout));
    parameters = List.copyOf(lines);
    ConfigDocuments documents = new ConfigDocuments(folder, knowledge, parameters);
    assertThat(documents.write()).isEmpty();
    edits = AppliedEdits.atStart(parameters);
    editor =
        new ParameterEditor(
            parameters, Optional.of(timeout), documents, edits, new ProcessRunner(Clock.systemUTC()));
    watcher = new UploadWatcher(folder, editor, Clock.systemUTC());
  }

  /** The C.3 entry list, with the given values for the keyed entries. */
  static String entries(String password, String fromFile, Optional<String> cors) {
    List<String> entries = new ArrayList<>();
    entries.add(entry("", "raw-content2", "raw content2"));
    entries.add(entry("httpd-password", "httpd-password", password));
    entries.add(entry("from-file", "from-file", fromFile));
    cors.ifPresent(value -> entries.add(entry("cors-domain", "cors-domain", value)));
    entries.add(entry("", "raw-value", "raw content"));
    return "[" + String.join(", ", entries) + "]";
  }

  static String entry(String key, String title, String value) {
    return Json.text(Map.of("key", key, "title", title, "value", value));
  }

  /** Uploads {@code json} as config.tmp.json and lets the watcher apply it. */
  JsonNode upload(String json) throws IOException {
    return upload(json.getBytes(StandardCharsets.UTF_8));
  }

  JsonNode upload(byte[] bytes) throws IOException {
    Files.write(folder.resolve(UploadWatcher.UPLOAD), bytes);
    assertThat(watcher.look()).as("first look: maybe still being written").isEmpty();
    // Complete JSON is applied at the second look; anything else once it stayed unchanged a while.
    List<EditResult> results = List.of();
    for (int look = 0; look < UploadWatcher.QUIET_LOOKS_BEFORE_REFUSING && results.isEmpty(); look++) {
      results = watcher.look();
    }
    assertThat(results).as("applied or refused").hasSize(1);
    assertThat(folder.resolve(UploadWatcher.UPLOAD)).doesNotExist();
    return Json.read(folder.resolve(UploadWatcher.RESULT));
  }

  /** Every file and link under the base: content, mode, modification time and inode. */
  Map<String, List<Object>> snapshot() throws IOException {
    Map<String, List<Object>> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(base)) {
      for (Path path : walk.toList()) {
        String name = path.getFileName().toString();
        if (name.equals(UploadWatcher.RESULT) || Files.isDirectory(path)) {
          continue;
        }
        BasicFileAttributes attributes =
            Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        files.put(
            base.relativize(path).toString(),
            List.of(
                new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1),
                Files.getPosixFilePermissions(path).toString(),
                attributes.lastModifiedTime(),
                String.valueOf(attributes.fileKey())));
      }
    }
    return files;
  }

  int gracefulCalls() throws IOException {
    return Files.exists(gracefulLog) ? Files.readAllLines(gracefulLog).size() : 0;
  }
}
