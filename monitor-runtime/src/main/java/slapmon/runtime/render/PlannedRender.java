package slapmon.runtime.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import slapmon.config.ConfigException;
import slapmon.config.Diagnostic;
import slapmon.config.Location;
import slapmon.config.settings.Password;
import slapmon.templates.Launcher;
import slapmon.templates.PartitionRenderer;
import slapmon.templates.RenderInput;
import slapmon.templates.RenderedFile;
import slapmon.templates.RenderedPartition;

/**
 * One {@code slapmon render}: the partition's files rendered from an instance file, with what is
 * already on disk taken into account (the password file), and the plan that brings the disk there.
 */
public record PlannedRender(RenderedPartition rendered, RenderPlan plan) {

  /** Renders {@code instance} and plans the changes; nothing is written. */
  public static PlannedRender of(InstanceFile instance, Launcher launcher, SecureRandom random)
      throws ConfigException, IOException {
    Path passwordFile = PartitionRenderer.passwordFile(instance.settings(), instance.partition());
    RenderedPartition rendered =
        PartitionRenderer.render(
            new RenderInput(
                instance.settings(),
                instance.partition(),
                existingPassword(passwordFile),
                launcher,
                random,
                instance.pluginPromises()));
    List<RenderedFile> files = new ArrayList<>(rendered.files());
    files.add(ConnectionFile.of(rendered.published()));
    files.sort(java.util.Comparator.comparing(RenderedFile::path));
    return new PlannedRender(rendered, RenderPlan.of(rendered, files, random));
  }

  /**
   * The password in {@code file}: its text without the final line break; empty when the file is
   * missing or empty.
   */
  static Optional<Password> existingPassword(Path file) throws ConfigException, IOException {
    if (!Files.isRegularFile(file) || Files.size(file) == 0) {
      return Optional.empty();
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String password = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    if (password.endsWith("\r")) {
      password = password.substring(0, password.length() - 1);
    }
    if (password.isEmpty() || password.indexOf('\n') >= 0 || password.indexOf('\r') >= 0) {
      throw new ConfigException(
          Diagnostic.error(
              new Location(file, 0),
              "",
              "",
              "expected the monitor password on one line, found "
                  + text.lines().count()
                  + " lines (not shown); fix or remove the file"));
    }
    return Optional.of(new Password(password));
  }
}
