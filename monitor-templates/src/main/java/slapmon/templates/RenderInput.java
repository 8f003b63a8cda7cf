package slapmon.templates;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import slapmon.config.settings.MonitorSettings;
import slapmon.config.settings.Password;

/**
 * Everything a rendering depends on: the settings, the partition, what is already on disk that
 * matters to the content (the password file's password), how to start slapmon, and the source of
 * randomness (a {@link java.security.SecureRandom} in production, a seeded one in tests), and the
 * stack's promises that buildout installs as plugin promises.
 *
 * @param settings the bound instance profile
 * @param partition the partition folder, absolute
 * @param existingPassword the password already in the password file, when that file holds one
 * @param launcher the JVM and jar the wrappers run
 * @param random where a generated password comes from
 * @param pluginPromises what the profile installs of the stack's own promises as plugin promises
 */
public record RenderInput(
    MonitorSettings settings,
    Path partition,
    Optional<Password> existingPassword,
    Launcher launcher,
    Random random,
    PluginPromises pluginPromises) {
  public RenderInput {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(partition, "partition");
    if (!partition.isAbsolute()) {
      throw new IllegalArgumentException("partition must be absolute, got '" + partition + "'");
    }
    Objects.requireNonNull(existingPassword, "existingPassword");
    Objects.requireNonNull(launcher, "launcher");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(pluginPromises, "pluginPromises");
  }

  /** Without plugin promises: every stack check is an executable render writes (seed era). */
  public RenderInput(
      MonitorSettings settings,
      Path partition,
      Optional<Password> existingPassword,
      Launcher launcher,
      Random random) {
    this(settings, partition, existingPassword, launcher, random, PluginPromises.NONE);
  }
}
