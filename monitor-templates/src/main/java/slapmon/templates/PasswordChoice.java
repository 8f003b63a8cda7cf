package slapmon.templates;

import java.util.List;
import java.util.Optional;
import slapmon.config.settings.Password;

/**
 * Which password the monitor uses. The password file, once it exists, is the truth: the web
 * interface edits it together with the htpasswd file, and a render never overwrites either. Before
 * it exists, the profile's {@code password} is used, or a new one is generated.
 */
final class PasswordChoice {
  private PasswordChoice() {}

  static Password choose(RenderInput input, PartitionPaths paths, List<String> warnings) {
    Optional<Password> configured = input.settings().instance().password();
    if (input.existingPassword().isPresent()) {
      Password existing = input.existingPassword().get();
      if (configured.isPresent() && !configured.get().equals(existing)) {
        warnings.add(
            "[monitor-instance-parameter] password: not applied, the password in "
                + paths.passwordFile()
                + " (set by an earlier render or edited from the web interface) is kept and"
                + " published; remove that file and the htpasswd file to apply the profile's");
      }
      return existing;
    }
    return configured.orElseGet(() -> new Password(GeneratedPassword.of(input.random())));
  }
}
