package slapmon.config.ini;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import slapmon.config.ConfigException;
import slapmon.config.Diagnostic;
import slapmon.config.Location;
import slapmon.config.Value;

/**
 * A plain INI file in buildout syntax, such as {@code etc/monitor.conf} or the knowledge0 cfg:
 * sections, {@code name = value}, indented continuation lines and column-0 comments, with every
 * value taken literally. No substitution, no {@code extends}, no macros and no operators: a
 * {@code +=} here is an error, because nothing could give it a base.
 */
public final class IniDocument {
  private final Path file;
  private final Map<String, Map<String, Value>> sections;
  private final List<Diagnostic> warnings;

  private IniDocument(Path file, Map<String, Map<String, Value>> sections, List<Diagnostic> warnings) {
    this.file = file;
    this.sections = sections;
    this.warnings = List.copyOf(warnings);
  }

  public static IniDocument read(Path file) throws ConfigException {
    return parse(file, readUtf8(file));
  }

  /** Parses text that was read from {@code file} (used only to name locations). */
  public static IniDocument parse(Path file, String text) throws ConfigException {
    ParsedFile parsed = BuildoutSyntax.parse(file, text);
    List<Diagnostic> diagnostics = new ArrayList<>(parsed.diagnostics());
    Map<String, Map<String, Value>> sections = new LinkedHashMap<>();
    parsed
        .sections()
        .forEach(
            (name, options) -> {
              Map<String, Value> values = new LinkedHashMap<>();
              options.forEach(
                  (key, option) -> {
                    if (option.operator() != RawOption.Operator.SET) {
                      diagnostics.add(
                          Diagnostic.error(
                              option.location(),
                              name,
                              option.name(),
                              "'"
                                  + (option.operator() == RawOption.Operator.ADD ? "+=" : "-=")
                                  + "' needs a value to change, and this file extends nothing;"
                                  + " expected 'name = value'"));
                    }
                    values.put(key, option.value());
                  });
              sections.put(name, values);
            });
    if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
      throw new ConfigException(diagnostics);
    }
    return new IniDocument(file, sections, diagnostics);
  }

  /** The largest configuration file read: a bigger one is a mistake, not a configuration. */
  public static final long MAX_FILE_BYTES = 64L << 20;

  /**
   * Reads a file as strict UTF-8; a missing, undecodable, oversized or special file (a folder, a
   * device, a pipe, which could be read forever) is a diagnostic naming it.
   */
  public static String readUtf8(Path file) throws ConfigException {
    try {
      if (Files.exists(file) && !Files.isRegularFile(file)) {
        throw new ConfigException(
            Diagnostic.error(
                new Location(file, 0), "", "",
                "not a regular file: " + file + " (a folder, a device or a pipe);"
                    + " expected a configuration file"));
      }
      long size = Files.exists(file) ? Files.size(file) : 0;
      if (size > MAX_FILE_BYTES) {
        throw new ConfigException(
            Diagnostic.error(
                new Location(file, 0), "", "",
                file + " is " + size + " bytes; expected a configuration file of at most "
                    + (MAX_FILE_BYTES >> 20) + " MiB"));
      }
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (NoSuchFileException e) {
      throw new ConfigException(
          Diagnostic.error(new Location(file, 0), "", "", "no such file: " + file));
    } catch (CharacterCodingException e) {
      throw new ConfigException(
          Diagnostic.error(new Location(file, 0), "", "", "not valid UTF-8 text: " + file));
    } catch (IOException e) {
      throw new ConfigException(
          Diagnostic.error(
              new Location(file, 0), "", "", "could not read file " + file + ": " + e.getMessage()));
    }
  }

  public Path file() {
    return file;
  }

  public Set<String> sectionNames() {
    return new LinkedHashSet<>(sections.keySet());
  }

  /** The section's options in file order; an empty map when the file has no such section. */
  public Map<String, Value> section(String name) {
    return java.util.Collections.unmodifiableMap(sections.getOrDefault(name, Map.of()));
  }

  public List<Diagnostic> warnings() {
    return warnings;
  }
}
