package slapmon.runtime.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import slapmon.runtime.http.auth.BcryptLine;
import slapmon.runtime.io.AtomicFiles;
import slapmon.runtime.tls.SelfSignedCertificate;
import slapmon.templates.CertificateRequest;
import slapmon.templates.HtpasswdRequest;
import slapmon.templates.RenderedFile;
import slapmon.templates.RenderedFolder;
import slapmon.templates.RenderedPartition;
import slapmon.templates.RetiredFile;

/**
 * What a render changes on disk, decided before anything is written: one step per folder, file,
 * certificate and htpasswd file, each to create, update or keep, with the reason. A path of the
 * wrong kind (a file where a folder goes) is a conflict, and a plan with conflicts is not applied.
 */
public final class RenderPlan {
  /** A certificate with fewer days than that left is made again. */
  static final Duration RENEW_BEFORE = Duration.ofDays(90);

  /** What a step does. */
  public enum Action {
    CREATE,
    UPDATE,
    KEEP,
    REMOVE
  }

  /** One thing the render looked at; {@code work} runs only when the action is not KEEP. */
  public record Step(Action action, Path path, String reason, Work work) {
    @Override
    public String toString() {
      return String.format("%-6s %s (%s)", action.name().toLowerCase(java.util.Locale.ROOT), path, reason);
    }
  }

  /** The writing a step does. */
  @FunctionalInterface
  public interface Work {
    void run() throws IOException, InterruptedException;
  }

  private final List<Step> steps;
  private final List<String> conflicts;

  private RenderPlan(List<Step> steps, List<String> conflicts) {
    this.steps = List.copyOf(steps);
    this.conflicts = List.copyOf(conflicts);
  }

  /** Compares {@code rendered} (and the files it adds) with the disk. */
  public static RenderPlan of(
      RenderedPartition rendered, List<RenderedFile> files, SecureRandom random)
      throws IOException {
    List<Step> steps = new ArrayList<>();
    List<String> conflicts = new ArrayList<>();
    for (RenderedFolder folder : rendered.folders()) {
      steps.add(folder(folder, conflicts));
    }
    Action passwordFile = Action.KEEP;
    for (RenderedFile file : files) {
      Step step = file(file, conflicts);
      if (file.path().equals(rendered.htpasswd().passwordFile())) {
        passwordFile = step.action();
      }
      steps.add(step);
    }
    for (RetiredFile file : rendered.retired()) {
      retired(file).ifPresent(steps::add);
    }
    steps.add(certificate(rendered.certificate()));
    steps.add(htpasswd(rendered.htpasswd(), passwordFile == Action.CREATE, random));
    return new RenderPlan(steps, conflicts);
  }

  public List<Step> steps() {
    return steps;
  }

  /** Paths of the wrong kind; the plan is not applied while there is one. */
  public List<String> conflicts() {
    return conflicts;
  }

  /** The steps that write something. */
  public List<Step> changes() {
    return steps.stream().filter(step -> step.action() != Action.KEEP).toList();
  }

  /** Runs every change, in order: folders, files, retired files, certificate, htpasswd. */
  public void apply() throws IOException, InterruptedException {
    if (!conflicts.isEmpty()) {
      throw new IllegalStateException("a plan with conflicts is not applied: " + conflicts);
    }
    for (Step step : changes()) {
      step.work().run();
    }
  }

  private static Step folder(RenderedFolder folder, List<String> conflicts) {
    Path path = folder.path();
    if (Files.isDirectory(path)) {
      return keep(path, "folder exists");
    }
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      conflicts.add(path + ": expected a folder, found a file or a broken link; left alone");
      return keep(path, "not a folder");
    }
    return new Step(
        Action.CREATE,
        path,
        "folder missing",
        () -> {
          Files.createDirectories(path);
          Files.setPosixFilePermissions(path, folder.mode());
        });
  }

  private static Step file(RenderedFile file, List<String> conflicts) throws IOException {
    Path path = file.path();
    byte[] content = file.content().getBytes(StandardCharsets.UTF_8);
    Work write = () -> AtomicFiles.write(path, content, file.mode());
    if (Files.isDirectory(path)) {
      conflicts.add(path + ": expected a file, found a folder; left alone");
      return keep(path, "a folder");
    }
    if (!Files.exists(path)) {
      return new Step(Action.CREATE, path, "missing", write);
    }
    boolean empty = Files.size(path) == 0;
    if (file.policy() == RenderedFile.Policy.CREATE_ONCE) {
      return empty
          ? new Step(Action.CREATE, path, "empty", write)
          : keep(path, "exists; edited by the operator or the web interface, never overwritten");
    }
    if (!Arrays.equals(Files.readAllBytes(path), content)) {
      return new Step(Action.UPDATE, path, "content differs", write);
    }
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
    if (!mode.equals(file.mode())) {
      return new Step(
          Action.UPDATE,
          path,
          "mode " + PosixFilePermissions.toString(mode) + ", expected "
              + PosixFilePermissions.toString(file.mode()),
          write);
    }
    return keep(path, "up to date");
  }

  /** A file something else now replaces: removed when it is still slapmon's, kept otherwise. */
  private static Optional<Step> retired(RetiredFile file) throws IOException {
    Path path = file.path();
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
        || !startsWith(path, file.heading())) {
      return Optional.of(
          keep(path, "not written by slapmon; left alone, next to " + file.replacement()));
    }
    return Optional.of(
        new Step(
            Action.REMOVE,
            path,
            "replaced by " + file.replacement(),
            () -> Files.deleteIfExists(path)));
  }

  private static boolean startsWith(Path path, String heading) throws IOException {
    byte[] expected = heading.getBytes(StandardCharsets.UTF_8);
    if (Files.size(path) < expected.length) {
      return false;
    }
    try (java.io.InputStream in = Files.newInputStream(path)) {
      return Arrays.equals(in.readNBytes(expected.length), expected);
    }
  }

  private static Step certificate(CertificateRequest request) {
    boolean certificate = nonEmpty(request.certificate());
    boolean key = nonEmpty(request.key());
    Path path = request.certificate();
    String reason;
    if (certificate && key) {
      Optional<SelfSignedCertificate.Own> own =
          SelfSignedCertificate.own(path, request.commonName());
      if (own.isEmpty()) {
        return keep(path, "certificate and key " + request.key() + " exist; not ours to renew");
      }
      Instant end = own.get().end();
      if (own.get().authority()) {
        reason = "made as a certificate authority by an earlier version: renewed as a server's"
            + " certificate (the server serves it within a minute)";
      } else if (Instant.now().plus(RENEW_BEFORE).isBefore(end)) {
        return keep(path, "certificate and key " + request.key() + " exist, valid until "
            + end + "; renewed " + RENEW_BEFORE.toDays() + " days before");
      } else {
        reason = "valid only until " + end + ": renewed (the server serves it within a minute)";
      }
    } else if (certificate) {
      reason = "key " + request.key() + " missing: certificate and key are made together";
    } else {
      reason = key ? "certificate missing: certificate and key are made together" : "missing";
    }
    return new Step(
        certificate || key ? Action.UPDATE : Action.CREATE,
        path,
        reason + "; openssl makes it with the key " + request.key(),
        () ->
            SelfSignedCertificate.create(
                request.certificate(),
                request.key(),
                request.commonName(),
                request.addresses(),
                request.validityDays()));
  }

  private static Step htpasswd(
      HtpasswdRequest request, boolean newPasswordFile, SecureRandom random) {
    Path path = request.file();
    Work write =
        () ->
            AtomicFiles.write(
                path,
                (BcryptLine.of(request.user(), request.password().text(), random) + "\n")
                    .getBytes(StandardCharsets.UTF_8),
                PosixFilePermissions.fromString("rw-------"));
    if (!nonEmpty(path)) {
      return new Step(Action.CREATE, path, "missing", write);
    }
    if (newPasswordFile) {
      return new Step(
          Action.UPDATE, path, "the password file is new: the htpasswd file follows it", write);
    }
    return keep(path, "exists; edited by the web interface, never overwritten");
  }

  private static boolean nonEmpty(Path path) {
    try {
      return Files.isRegularFile(path) && Files.size(path) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static Step keep(Path path, String reason) {
    return new Step(Action.KEEP, path, reason, () -> {});
  }
}
