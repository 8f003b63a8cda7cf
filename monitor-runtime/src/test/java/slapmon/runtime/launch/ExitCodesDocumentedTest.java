package slapmon.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The README's command table and each command's {@code --help} list the same exit codes; the
 * process tests (OperatorFailuresProcessTest, RenderProcessTest, ...) show the code gives them.
 */
final class ExitCodesDocumentedTest {
  private static final Pattern ROW = Pattern.compile("^\\| `slapmon ([a-z-]+(?: run)?)[^|]*\\|.*\\| ([^|]+) \\|$");
  /** An exit code opens the cell or follows a comma or a slash: "0 done, 1 write failed". */
  private static final Pattern CODE = Pattern.compile("(?:^|[,/] )(\\d)\\b");

  @Test
  void readme_table_and_help_list_the_same_exit_codes() throws IOException {
    List<String> rows = Files.readAllLines(readme()).stream().filter(l -> l.startsWith("| `slapmon ")).toList();
    CommandLine slapmon = SlapmonCommand.everyCommand();
    int checked = 0;
    for (String row : rows) {
      Matcher matcher = ROW.matcher(row);
      if (!matcher.matches() || matcher.group(1).startsWith("-")) {
        continue;
      }
      CommandLine command = slapmon;
      for (String word : matcher.group(1).split(" ")) {
        command = command.getSubcommands().get(word);
      }
      assertThat(command).as(matcher.group(1)).isNotNull();
      Set<String> documented = new TreeSet<>();
      Matcher code = CODE.matcher(matcher.group(2).trim());
      while (code.find()) {
        documented.add(code.group(1));
      }
      Set<String> help = new TreeSet<>();
      command.getCommandSpec().usageMessage().exitCodeList().keySet()
          .forEach(key -> help.add(key.trim()));
      assertThat(documented).as("README's exit codes of %s", matcher.group(1)).isEqualTo(help);
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(6);
  }

  private static Path readme() {
    Path folder = Path.of("").toAbsolutePath();
    while (!Files.exists(folder.resolve("README.md")) || !Files.exists(folder.resolve("monitor-runtime"))) {
      folder = folder.getParent();
    }
    return folder.resolve("README.md");
  }
}
