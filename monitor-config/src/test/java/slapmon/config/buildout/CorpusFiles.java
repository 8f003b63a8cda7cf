package slapmon.config.buildout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The differential corpus under {@code src/test/resources/buildout/} and the zc.buildout oracle
 * ({@code oracle.py}) that says what each file means.
 *
 * <p>Layout: every {@code corpus/**}{@code /*.cfg} is a top file, except files whose name starts
 * with {@code _} and files inside a folder named {@code base}: those exist only to be extended.
 * Top files under {@code corpus/rejected/} are files zc.buildout refuses.
 */
final class CorpusFiles {
  /** Debian's interpreter: the {@code python3} on PATH may not see Debian's dist-packages. */
  static final String PYTHON = "/usr/bin/python3";

  static final String INSTALL_HINT =
      "Install Debian's zc.buildout for the oracle: apt-get install python3-zc.buildout"
          + " (it must be importable by " + PYTHON + "). The oracle tests never skip.";

  private static final long ORACLE_SECONDS = 60;

  private CorpusFiles() {}

  /** The folder holding {@code oracle.py} and {@code corpus/}, as a real (symlink-free) path. */
  static Path root() {
    Path source = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
        .resolve("src/test/resources/buildout");
    if (Files.isRegularFile(source.resolve("oracle.py"))) {
      return realPath(source);
    }
    URL copied = CorpusFiles.class.getResource("/buildout/oracle.py");
    if (copied == null) {
      throw new IllegalStateException("cannot find buildout/oracle.py, neither at " + source
          + " nor on the test class path");
    }
    try {
      return realPath(Path.of(copied.toURI()).getParent());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path corpus() {
    return root().resolve("corpus");
  }

  /** Every top file of the corpus, as a path relative to {@link #corpus()} with '/' separators. */
  static List<String> topFiles() {
    Path corpus = corpus();
    try (Stream<Path> walk = Files.walk(corpus)) {
      return walk.filter(Files::isRegularFile)
          .map(corpus::relativize)
          .filter(CorpusFiles::isTopFile)
          .map(p -> p.toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean isTopFile(Path relative) {
    String name = relative.getFileName().toString();
    if (!name.endsWith(".cfg") || name.startsWith("_")) {
      return false;
    }
    for (Path part : relative) {
      if (part.toString().equals("base")) {
        return false;
      }
    }
    return true;
  }

  /** Whether the corpus places this file among the ones zc.buildout rejects. */
  static boolean expectedRejected(String relative) {
    return relative.startsWith("rejected/");
  }

  static Path resolve(String relative) {
    return realPath(corpus().resolve(relative));
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The oracle

  /** What a finished process wrote. */
  record Run(int exitCode, String stdout, String stderr) {}

  /** Runs a process with stdout and stderr in temporary files, so no pipe can fill up and block. */
  static Run run(List<String> command, Path workingDirectory) throws IOException, InterruptedException {
    Path out = Files.createTempFile("slapmon-oracle-", ".out");
    Path err = Files.createTempFile("slapmon-oracle-", ".err");
    try {
      Process process = new ProcessBuilder(command)
          .directory(workingDirectory.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .start();
      if (!process.waitFor(ORACLE_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
        throw new IllegalStateException(
            String.join(" ", command) + " did not finish in " + ORACLE_SECONDS + " s; stderr:\n"
                + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new Run(process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static String oracleProblem;
  private static boolean oracleChecked;

  /**
   * Why the oracle cannot run, or null when {@value #PYTHON} imports zc.buildout. Checked once per
   * JVM.
   */
  static synchronized String oracleProblem() {
    if (!oracleChecked) {
      oracleProblem = probeOracle();
      oracleChecked = true;
    }
    return oracleProblem;
  }

  private static String probeOracle() {
    String probe = "import collections, collections.abc\n"
        + "collections.MutableMapping = collections.abc.MutableMapping\n"
        + "import zc.buildout.buildout\n"
        + "print('ok')\n";
    if (!Files.isExecutable(Path.of(PYTHON))) {
      return PYTHON + " does not exist or is not executable. " + INSTALL_HINT;
    }
    try {
      Run run = run(List.of(PYTHON, "-c", probe), root());
      if (run.exitCode() != 0 || !run.stdout().strip().equals("ok")) {
        return PYTHON + " cannot import zc.buildout (exit " + run.exitCode() + "): "
            + run.stderr().strip() + "\n" + INSTALL_HINT;
      }
      return null;
    } catch (IOException e) {
      return "cannot run " + PYTHON + ": " + e + ". " + INSTALL_HINT;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while probing " + PYTHON;
    }
  }

  /**
   * What zc.buildout made of one file: {@code ok} with every section resolved (after the filter
   * described in {@code oracle.py}), or the error it raised.
   */
  record Verdict(boolean ok, String error, Map<String, Map<String, String>> sections, String json) {
    String describe() {
      return ok ? "zc.buildout accepts it" : "zc.buildout rejects it: " + error;
    }
  }

  static Verdict oracle(Path file) throws IOException, InterruptedException {
    Run run = run(List.of(PYTHON, root().resolve("oracle.py").toString(), file.toString()),
        file.getParent());
    if (run.exitCode() != 0) {
      throw new IllegalStateException("oracle.py exited with " + run.exitCode() + " on " + file
          + "\nstdout:\n" + run.stdout() + "\nstderr:\n" + run.stderr());
    }
    Object parsed;
    try {
      parsed = MiniJson.parse(run.stdout().strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("oracle.py printed something that is not JSON on " + file
          + ": " + e.getMessage() + "\nstdout:\n" + run.stdout() + "\nstderr:\n" + run.stderr(), e);
    }
    Map<?, ?> top = asObject(parsed, "the oracle's answer");
    if (Boolean.TRUE.equals(top.get("oracle-unavailable"))) {
      throw new IllegalStateException(String.valueOf(top.get("error")) + "\n" + INSTALL_HINT);
    }
    Object ok = top.get("ok");
    if (Boolean.FALSE.equals(ok)) {
      return new Verdict(false, asString(top.get("error"), "error"), Map.of(), run.stdout());
    }
    if (!Boolean.TRUE.equals(ok)) {
      throw new IllegalStateException("oracle.py answer without a boolean \"ok\": " + run.stdout());
    }
    Map<String, Map<String, String>> sections = new TreeMap<>();
    for (Map.Entry<?, ?> section : asObject(top.get("sections"), "sections").entrySet()) {
      String name = asString(section.getKey(), "section name");
      Map<String, String> options = new LinkedHashMap<>();
      for (Map.Entry<?, ?> option : asObject(section.getValue(), "[" + name + "]").entrySet()) {
        String key = asString(option.getKey(), "option name");
        options.put(key, asString(option.getValue(), "[" + name + "] " + key));
      }
      sections.put(name, Collections.unmodifiableMap(options));
    }
    return new Verdict(true, "", Collections.unmodifiableMap(sections), run.stdout());
  }

  private static Map<?, ?> asObject(Object value, String what) {
    if (value instanceof Map<?, ?> map) {
      return map;
    }
    throw new IllegalStateException("oracle.py: " + what + " is not a JSON object: " + value);
  }

  private static String asString(Object value, String what) {
    if (value instanceof String text) {
      return text;
    }
    throw new IllegalStateException("oracle.py: " + what + " is not a JSON string: " + value);
  }

  // ---------------------------------------------------------------------------------------------
  // Reporting

  /** A value as a Java string literal, so that tabs, CRs, NBSPs and trailing newlines show. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || (Character.isSpaceChar(c) && c != ' ')) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** Differences between what zc.buildout printed and what our reader gave, one per line. */
  static List<String> differences(
      Map<String, Map<String, String>> expected, Map<String, Map<String, String>> actual) {
    List<String> out = new ArrayList<>();
    for (String section : union(expected.keySet(), actual.keySet())) {
      Map<String, String> want = expected.get(section);
      Map<String, String> got = actual.get(section);
      if (want == null) {
        out.add("[" + section + "] is a section only our reader has: " + got);
        continue;
      }
      if (got == null) {
        out.add("[" + section + "] is missing; zc.buildout has it with " + want.size() + " options");
        continue;
      }
      for (String key : union(want.keySet(), got.keySet())) {
        String w = want.get(key);
        String g = got.get(key);
        if (w == null) {
          out.add("[" + section + "] " + key + " is an option only our reader has: " + quote(g));
        } else if (g == null) {
          out.add("[" + section + "] " + key + " is missing; zc.buildout has " + quote(w));
        } else if (!w.equals(g)) {
          out.add("[" + section + "] " + key + ": zc.buildout " + quote(w) + ", ours " + quote(g));
        }
      }
    }
    return out;
  }

  private static List<String> union(Set<String> a, Set<String> b) {
    TreeSet<String> all = new TreeSet<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
