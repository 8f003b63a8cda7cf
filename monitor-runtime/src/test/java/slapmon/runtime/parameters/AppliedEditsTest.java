package slapmon.runtime.parameters;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.config.settings.ParameterLine;
import slapmon.config.settings.ParameterLine.HttpdCorsParameter;

/** At start, the saved value of each httpdcors parameter gives the edited CORS domains. */
final class AppliedEditsTest {
  @TempDir Path base;

  private ParameterLine cors(String key, String saved) throws Exception {
    Path file = base.resolve(key + ".cfg");
    Files.writeString(file, "");
    Files.writeString(base.resolve("prev_" + key + ".cfg"), saved);
    return new HttpdCorsParameter(key, file, Path.of("/bin/true"));
  }

  @Test
  void saved_values_of_every_httpdcors_key_are_in_force_together() throws Exception {
    AppliedEdits edits =
        AppliedEdits.atStart(
            List.of(cors("a", "one.example  two.example\n"), cors("b", "two.example three.example")));

    assertThat(edits.corsDomains()).containsExactly("one.example", "two.example", "three.example");
  }

  @Test
  void an_empty_missing_or_malformed_saved_value_sets_nothing() throws Exception {
    ParameterLine missing =
        new HttpdCorsParameter("c", base.resolve("nowhere.cfg"), Path.of("/bin/true"));

    AppliedEdits edits =
        AppliedEdits.atStart(List.of(cors("a", ""), cors("b", "ok.example bad_host"), missing));

    assertThat(edits.corsDomains()).isEmpty();
  }

  @Test
  void an_applied_edit_replaces_that_key_only_and_an_empty_one_removes_it() throws Exception {
    AppliedEdits edits =
        AppliedEdits.atStart(List.of(cors("a", "one.example"), cors("b", "two.example")));

    edits.corsApplied("a", List.of("new.example"));
    assertThat(edits.corsDomains()).containsExactly("new.example", "two.example");

    edits.corsApplied("b", List.of());
    assertThat(edits.corsDomains()).containsExactly("new.example");
  }
}
