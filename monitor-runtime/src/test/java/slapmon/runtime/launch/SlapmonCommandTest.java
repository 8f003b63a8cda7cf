package slapmon.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Picocli is given only the command that runs; help and mistakes still see every command. */
final class SlapmonCommandTest {
  @Test
  void a_named_command_is_the_only_one_picocli_models() {
    assertThat(SlapmonCommand.subcommandsFor(new String[] {"run", "--config", "x"}))
        .containsExactly(RunCommand.class);
    assertThat(SlapmonCommand.subcommandsFor(new String[] {"promise", "run"}))
        .containsExactly(PromiseCommand.class);
  }

  @Test
  void help_and_a_wrong_command_list_every_command() {
    for (String[] args : new String[][] {{}, {"--help"}, {"rnu"}}) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      SlapmonCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
      assertThat(out + "" + err)
          .contains("demo", "check-config", "render", "run", "promise", "class-data");
    }
  }
}
