package slapmon.config.buildout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import slapmon.config.ConfigException;
import slapmon.config.Diagnostic;
import slapmon.config.Value;
import slapmon.config.ini.PythonText;
import slapmon.config.ini.RawOption;

/**
 * A buildout configuration read as zc.buildout 2.13.2 reads it: the file and those it extends
 * merged onto zc.buildout's defaults, with macros expanded and references substituted on demand.
 *
 * <p>Resolution is lazy, like zc.buildout's: a section nobody uses is never substituted, so a
 * reference that could not resolve there is not an error of the configuration. Not thread-safe.
 */
public final class BuildoutConfig {
  private final Path file;
  private final Map<String, Map<String, RawOption>> raw;
  private final List<Diagnostic> warnings;
  private final Substitution substitution;

  private BuildoutConfig(
      Path file, Map<String, Map<String, RawOption>> raw, List<Diagnostic> warnings) {
    this.file = file;
    this.raw = raw;
    this.warnings = List.copyOf(warnings);
    this.substitution = new Substitution(raw);
  }

  /** Reads {@code file} and what it extends. Syntax errors of every file are reported together. */
  public static BuildoutConfig load(Path file) throws ConfigException {
    return load(file, file.toAbsolutePath().normalize().getParent());
  }

  /**
   * Reads {@code file} as {@link #load(Path)} does, with {@code directory} as the default of
   * {@code [buildout] directory} instead of the file's folder (what zc.buildout gives a profile
   * run from another folder); a {@code directory} that the files set still wins.
   */
  public static BuildoutConfig load(Path file, Path directory) throws ConfigException {
    FileTree.Merged merged = FileTree.read(file, BuildoutDefaults.before(directory));
    if (merged.diagnostics().stream().anyMatch(Diagnostic::isError)) {
      throw new ConfigException(merged.diagnostics());
    }
    BuildoutDefaults.after(merged.sections());
    return new BuildoutConfig(file, merged.sections(), merged.diagnostics());
  }

  /** The file that was loaded (the top of the extends chain). */
  public Path file() {
    return file;
  }

  /** Warnings found while reading, such as an option set twice in one section. */
  public List<Diagnostic> warnings() {
    return warnings;
  }

  public Set<String> sectionNames() {
    return new LinkedHashSet<>(raw.keySet());
  }

  public boolean hasSection(String name) {
    return raw.containsKey(name);
  }

  /** The section's options as merged from the files, before macros and substitution. */
  public Map<String, Value> rawSection(String name) {
    Map<String, Value> values = new LinkedHashMap<>();
    Map<String, RawOption> options = raw.getOrDefault(name, Map.of());
    options.forEach((key, option) -> values.put(key, option.value()));
    return values;
  }

  /** Every option of the section, macros expanded and references substituted, in file order. */
  public Map<String, Value> section(String name) throws ConfigException {
    if (!raw.containsKey(name)) {
      throw new ConfigException(
          Diagnostic.error(
              new slapmon.config.Location(file, 0),
              name,
              "",
              "section [" + name + "] is not defined in the configuration"));
    }
    try {
      return values(name, substitution.resolve(name));
    } catch (ResolutionFailure failure) {
      throw new ConfigException(failure.diagnostic());
    }
  }

  /** The option's substituted value; empty when the section or the option does not exist. */
  public Optional<Value> option(String section, String option) throws ConfigException {
    if (!raw.containsKey(section)) {
      return Optional.empty();
    }
    return Optional.ofNullable(section(section).get(option));
  }

  /** Every section resolved; all the errors are collected before failing. */
  public Map<String, Map<String, Value>> resolveAll() throws ConfigException {
    Resolution resolution = resolveEach(raw.keySet());
    if (!resolution.errors().isEmpty()) {
      throw new ConfigException(resolution.errors());
    }
    return resolution.sections();
  }

  /**
   * What zc.buildout itself would resolve: {@code [buildout]}, each part it names (which pulls in
   * what they reference) and the given extra sections where they exist.
   */
  public Resolution resolveUsed(Collection<String> extraSections) {
    Resolution buildout = resolveEach(List.of("buildout"));
    if (!buildout.errors().isEmpty()) {
      return buildout;
    }
    Set<String> used = new LinkedHashSet<>();
    used.add("buildout");
    List<Diagnostic> errors = new ArrayList<>();
    Value parts = buildout.sections().get("buildout").get("parts");
    if (parts != null) {
      for (String part : PythonText.splitWords(parts.text())) {
        if (raw.containsKey(part)) {
          used.add(part);
        } else {
          errors.add(
              Diagnostic.error(
                  parts.location(),
                  "buildout",
                  "parts",
                  "names part [" + part + "], which is not a section of the configuration"));
        }
      }
    }
    extraSections.stream().filter(raw::containsKey).forEach(used::add);
    Resolution rest = resolveEach(used);
    errors.addAll(rest.errors());
    return new Resolution(rest.sections(), errors);
  }

  /** Resolves each named section on its own; a failure in one does not stop the others. */
  public Resolution resolveEach(Collection<String> names) {
    Map<String, Map<String, Value>> sections = new LinkedHashMap<>();
    Set<Diagnostic> errors = new LinkedHashSet<>();
    for (String name : names) {
      try {
        sections.put(name, values(name, substitution.resolve(name)));
      } catch (ResolutionFailure failure) {
        errors.add(failure.diagnostic());
      }
    }
    return new Resolution(sections, new ArrayList<>(errors));
  }

  /** Resolved sections, and the errors of those that did not resolve. */
  public record Resolution(Map<String, Map<String, Value>> sections, List<Diagnostic> errors) {
    public Resolution {
      sections = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sections));
      errors = List.copyOf(errors);
    }
  }

  private Map<String, Value> values(String section, Map<String, String> texts) {
    Map<String, Value> values = new LinkedHashMap<>();
    texts.forEach(
        (key, text) ->
            values.put(key, new Value(text, substitution.rawOption(section, key).location())));
    return values;
  }
}
