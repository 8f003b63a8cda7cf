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
 * randomness (a {@link java.security.SecureRandom} in production, a seeded one in tests).
 *
 * @param settings the bound instance profile
 * @param partition the partition folder, absolute
 * @param existingPassword the password already in the password file, when that file holds one
 * @param launcher the JVM and jar the wrappers run
 * @param random where a generated password comes from
 */
public record RenderInput(
    MonitorSettings settings,
    Path partition,
    Optional<Password> existingPassword,
    Launcher launcher,
    Random random) {
  public RenderInput {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(partition, "partition");
    if (!partition.isAbsolute()) {
      throw new IllegalArgumentException("partition must be absolute, got '" + partition + "'");
    }
    Objects.requireNonNull(existingPassword, "existingPassword");
    Objects.requireNonNull(launcher, "launcher");
    Objects.requireNonNull(random, "random");
  }
}
