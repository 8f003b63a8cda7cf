package slapmon.runtime.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Generates malformed buildout profiles: the reader's own corpus truncated and mutated, random
 * bytes, random buildout-shaped lines, deep macro and substitution chains, reference, macro and
 * extends cycles, and huge values. Each case is a folder holding {@code main.cfg} (and whatever
 * it extends).
 */
final class MalformedConfigCorpus {
  /** One generated case: where its main file is and how it was made. */
  record Case(String name, Path main) {}

  private final Path corpus;
  private final Path out;
  private final Random random;
  private final List<Case> cases = new ArrayList<>();

  MalformedConfigCorpus(Path corpus, Path out, long seed) {
    this.corpus = corpus;
    this.out = out;
    this.random = new Random(seed);
  }

  /** {@code perFile} truncations and as many mutations of every corpus file, and the rest. */
  List<Case> generate(int perFile, int randomFiles, int[] depths) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(corpus)) {
      files = walk.filter(f -> f.toString().endsWith(".cfg")).sorted().toList();
    }
    for (Path file : files) {
      byte[] content = Files.readAllBytes(file);
      for (int i = 0; i < perFile; i++) {
        int cut = content.length == 0 ? 0 : random.nextInt(content.length);
        mutated(file, "truncated at " + cut, Arrays.copyOf(content, cut));
        mutated(file, "mutation " + i, mutate(content));
      }
    }
    for (int i = 0; i < randomFiles; i++) {
      byte[] noise = new byte[random.nextInt(4096)];
      random.nextBytes(noise);
      single("random bytes " + i, noise);
      single("buildout-shaped lines " + i, text(buildoutShaped(1 + random.nextInt(60))));
    }
    for (int depth : depths) {
      single("macro chain " + depth, text(macroChain(depth, false)));
      single("macro cycle " + depth, text(macroChain(depth, true)));
      single("substitution chain " + depth, text(substitutionChain(depth, false)));
      single("reference cycle " + depth, text(substitutionChain(depth, true)));
      single("nested substitution " + depth, text(nestedSubstitution(depth)));
      extendsChain(Math.min(depth, 2000), false);
      extendsChain(Math.min(depth, 2000), true);
    }
    int huge = 1 << 20;
    single("huge value", text("[buildout]\nparts =\n[s]\nx = " + "v".repeat(10 * huge) + "\n"));
    single("huge continuation", text("[buildout]\nparts =\n[s]\nx =\n" + "  line\n".repeat(huge / 8)));
    single("many options", text("[buildout]\nparts =\n[s]\n" + options(huge / 16)));
    single("many sections", text("[buildout]\nparts =\n" + sections(huge / 32)));
    single("huge section name", text("[" + "s".repeat(huge) + "]\nx = 1\n"));
    single("huge reference", text("[buildout]\nparts = s\n[s]\nrecipe = r\nx = ${" + "a".repeat(huge) + "}\n"));
    single("unclosed references", text("[buildout]\nparts = s\n[s]\nrecipe = r\nx = " + "${a:".repeat(huge / 8) + "\n"));
    single("many dollar escapes", text("[s]\nx = " + "$$".repeat(huge) + "{\n"));
    single("NUL bytes", new byte[4096]);
    single("invalid UTF-8", new byte[] {'[', 's', ']', '\n', 'x', '=', (byte) 0xc3, (byte) 0x28, '\n'});
    single("extends itself twice", text("[buildout]\nextends = main.cfg main.cfg\n"));
    single("extends a folder", text("[buildout]\nextends = .\n"));
    single("extends /dev/zero", text("[buildout]\nextends = /dev/zero\n"));
    return cases;
  }

  /** Only truncations and mutations of the files under the corpus folder, {@code count} of each in all. */
  List<Case> generateMutationsOnly(int count) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(corpus)) {
      files = walk.filter(f -> f.toString().endsWith(".cfg")).sorted().toList();
    }
    for (int i = 0; i < count; i++) {
      Path file = files.get(i % files.size());
      byte[] content = Files.readAllBytes(file);
      int cut = content.length == 0 ? 0 : random.nextInt(content.length);
      mutated(file, "truncated at " + cut, Arrays.copyOf(content, cut));
      mutated(file, "mutation " + i, mutate(content));
    }
    return cases;
  }

  private void mutated(Path original, String how, byte[] content) throws IOException {
    Path folder = Files.createDirectories(out.resolve("case-" + cases.size()));
    // The corpus folder of the file comes along, so that its extends still resolve.
    Path source = original.getParent();
    try (Stream<Path> siblings = Files.walk(source)) {
      for (Path sibling : siblings.filter(Files::isRegularFile).toList()) {
        Path target = folder.resolve(source.relativize(sibling).toString());
        Files.createDirectories(target.getParent());
        Files.copy(sibling, target);
      }
    }
    Path main = folder.resolve(original.getFileName().toString());
    Files.write(main, content);
    cases.add(new Case(corpus.relativize(original) + ": " + how, main));
  }

  private void single(String name, byte[] content) throws IOException {
    Path folder = Files.createDirectories(out.resolve("case-" + cases.size()));
    Path main = folder.resolve("main.cfg");
    Files.write(main, content);
    cases.add(new Case(name, main));
  }

  /** {@code depth} files each extending the next; the last extends the first when cyclic. */
  private void extendsChain(int depth, boolean cyclic) throws IOException {
    Path folder = Files.createDirectories(out.resolve("case-" + cases.size()));
    for (int i = 0; i < depth; i++) {
      String next = i + 1 < depth ? "f" + (i + 1) + ".cfg" : cyclic ? "f0.cfg" : "";
      String body = (next.isEmpty() ? "" : "[buildout]\nextends = " + next + "\n") + "[s" + i + "]\nx = " + i + "\n";
      Files.writeString(folder.resolve("f" + i + ".cfg"), body);
    }
    Path main = folder.resolve("f0.cfg");
    cases.add(new Case((cyclic ? "extends cycle " : "extends chain ") + depth, main));
  }

  private byte[] mutate(byte[] content) {
    List<String> lines = new ArrayList<>(List.of(new String(content, StandardCharsets.ISO_8859_1).split("\n", -1)));
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits && !lines.isEmpty(); e++) {
      int at = random.nextInt(lines.size());
      switch (random.nextInt(6)) {
        case 0 -> lines.remove(at);
        case 1 -> lines.add(at, lines.get(random.nextInt(lines.size())));
        case 2 -> lines.set(at, flip(lines.get(at)));
        case 3 -> lines.add(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        case 4 -> Collections.swap(lines, at, random.nextInt(lines.size()));
        default -> lines.set(at, lines.get(at) + FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
      }
    }
    return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
  }

  private String flip(String line) {
    if (line.isEmpty()) {
      return "\u00ff";
    }
    char[] chars = line.toCharArray();
    chars[random.nextInt(chars.length)] = (char) random.nextInt(256);
    return new String(chars);
  }

  private static final String[] FRAGMENTS = {
    "[", "]", "${", "}", "$${", "<=", "<= missing", "+=", "-=", "=", ":", "  continued",
    "[section:python]", "[s:os.name == 'nt']", "extends = nowhere.cfg", "${buildout:parts}",
    "${:x}", "${s:}", "${:}", "#", ";", "\t", "\r", "x = ${x:x}", "[buildout]", "parts += s",
  };

  private static final String[] SHAPES = {
    "[s%d]", "x%d = ${s%d:x%d}", "<= s%d", "x%d += %d", "x%d -= %d", "  continuation %d",
    "x%d = ${:x%d}", "[buildout]", "parts = s%d", "extends = f%d.cfg", "recipe = r%d",
    "x%d = $${s%d:x%d}", "# comment %d", "[s%d:True]", "x%d =", "x%d = ${s%d}",
  };

  private String buildoutShaped(int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      String shape = SHAPES[random.nextInt(SHAPES.length)];
      int a = random.nextInt(5);
      text.append(shape.replace("%d", Integer.toString(a))).append('\n');
    }
    return text.toString();
  }

  private static String macroChain(int depth, boolean cyclic) {
    StringBuilder text = new StringBuilder("[buildout]\nparts = m0\n");
    for (int i = 0; i < depth; i++) {
      text.append("[m").append(i).append("]\n");
      if (i + 1 < depth || cyclic) {
        text.append("<= m").append((i + 1) % depth).append('\n');
      } else {
        text.append("recipe = r\n");
      }
      text.append("x").append(i).append(" = ").append(i).append('\n');
    }
    return text.toString();
  }

  private static String substitutionChain(int depth, boolean cyclic) {
    StringBuilder text = new StringBuilder("[buildout]\nparts = s\n[s]\nrecipe = r\n");
    for (int i = 0; i < depth; i++) {
      String next = i + 1 < depth ? "${s:x" + (i + 1) + "}" : cyclic ? "${s:x0}" : "end";
      text.append("x").append(i).append(" = ").append(next).append('\n');
    }
    return text.toString();
  }

  private static String nestedSubstitution(int depth) {
    return "[buildout]\nparts = s\n[s]\nrecipe = r\nx = " + "${s:".repeat(depth) + "y" + "}".repeat(depth) + "\n";
  }

  private static String options(int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append('o').append(i).append(" = ").append(i).append('\n');
    }
    return text.toString();
  }

  private static String sections(int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append("[s").append(i).append("]\nx = ${s").append(i == 0 ? 0 : i - 1).append(":y}\n");
    }
    return text.toString();
  }

  private static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
