package slapmon.runtime.render;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import slapmon.config.ConfigException;
import slapmon.config.Diagnostic;
import slapmon.config.Location;
import slapmon.config.Value;
import slapmon.config.buildout.BuildoutConfig;
import slapmon.config.ini.IniDocument;
import slapmon.config.settings.Bound;
import slapmon.config.settings.MonitorSettings;
import slapmon.config.settings.SectionSource;
import slapmon.config.settings.Settings;
import slapmon.templates.PluginPromises;

/**
 * The instance file {@code slapmon render} is given, bound to settings, and the partition it
 * renders: a buildout profile (read as zc.buildout reads it) or, with {@code --resolved}, a file
 * whose values the SlapOS template already resolved (read literally).
 *
 * <p>The partition is {@code --partition} when given, otherwise {@code [buildout] directory}. When
 * the file sets {@code directory} too, both must name the same folder; a file that does not set it
 * gets {@code --partition} as its default (without {@code --partition}, a buildout profile's
 * default, its own folder, is refused: a render must never fill the folder a profile sits in).
 *
 * <p>A resolved file's {@code [monitor-plugin-promises]} names the stack's own promises that
 * buildout installs as plugin promises (section name = plugin file) and {@code
 * [monitor-plugin-parameters]} the files those plugins read (web interface parameter = file), as
 * the template writes them; a buildout profile has neither (the seed era's render writes every
 * stack promise itself).
 */
public record InstanceFile(
    MonitorSettings settings,
    Path partition,
    List<Diagnostic> warnings,
    PluginPromises pluginPromises) {
  private static final String BUILDOUT = "buildout";
  private static final String DIRECTORY = "directory";
  static final String PLUGIN_PROMISES = "monitor-plugin-promises";
  static final String PLUGIN_PARAMETERS = "monitor-plugin-parameters";

  public InstanceFile {
    warnings = List.copyOf(warnings);
    java.util.Objects.requireNonNull(pluginPromises, "pluginPromises");
  }

  /** Reads and binds {@code file}; every problem is in the exception. */
  public static InstanceFile load(Path file, boolean resolved, Optional<Path> partition)
      throws ConfigException {
    Optional<Path> given = partition.map(path -> path.toAbsolutePath().normalize());
    List<Diagnostic> warnings = new ArrayList<>();
    SectionSource source;
    Optional<Value> directory;
    List<Diagnostic> errors = new ArrayList<>();
    PluginPromises plugins = PluginPromises.NONE;
    if (resolved) {
      IniDocument document = IniDocument.read(file);
      warnings.addAll(document.warnings());
      plugins =
          new PluginPromises(
              files(section(document, PLUGIN_PROMISES), PLUGIN_PROMISES, errors),
              files(section(document, PLUGIN_PARAMETERS), PLUGIN_PARAMETERS, errors));
      directory = Optional.ofNullable(section(document, BUILDOUT).get(DIRECTORY));
      source = withDirectory(Settings.sourceOf(document), directory, given);
    } else {
      BuildoutConfig config =
          given.isPresent() ? BuildoutConfig.load(file, given.get()) : BuildoutConfig.load(file);
      warnings.addAll(config.warnings());
      directory = resolvedDirectory(config);
      source = Settings.sourceOf(config);
    }
    Optional<Path> chosen = partition(file, directory, given, errors);
    Optional<Bound<MonitorSettings>> bound = Optional.empty();
    try {
      bound = Optional.of(Settings.bindInstance(source));
    } catch (ConfigException e) {
      errors.addAll(e.diagnostics());
    }
    if (!errors.isEmpty()) {
      errors.addAll(0, warnings);
      throw new ConfigException(errors);
    }
    warnings.addAll(bound.orElseThrow().warnings());
    return new InstanceFile(
        bound.orElseThrow().value(), chosen.orElseThrow(), warnings, plugins);
  }

  /** Each option of {@code section}: a name without white space and a file, an absolute path. */
  private static Map<String, Path> files(
      Map<String, Value> options, String section, List<Diagnostic> errors) {
    Map<String, Path> files = new LinkedHashMap<>();
    options.forEach(
        (name, value) -> {
          String text = value.text().strip();
          if (name.chars().anyMatch(Character::isWhitespace)) {
            errors.add(
                Diagnostic.error(
                    value.location(), section, name, "expected a name without white space"));
          } else if (text.startsWith("/") && text.chars().noneMatch(Character::isWhitespace)) {
            files.put(name, Path.of(text).normalize());
          } else {
            errors.add(
                Diagnostic.error(
                    value.location(),
                    section,
                    name,
                    "'" + text + "' is not a file: expected an absolute path without white space"));
          }
        });
    return files;
  }

  private static Optional<Value> resolvedDirectory(BuildoutConfig config) {
    try {
      return config.option(BUILDOUT, DIRECTORY);
    } catch (ConfigException e) {
      return Optional.empty(); // the binder reports the broken section
    }
  }

  /** The partition, or empty with an error when it is unknown or the two sources disagree. */
  private static Optional<Path> partition(
      Path file, Optional<Value> directory, Optional<Path> given, List<Diagnostic> errors) {
    if (given.isPresent()) {
      if (directory.isPresent()
          && !directory.get().location().isBuiltIn()
          && !Path.of(directory.get().text()).normalize().equals(given.get())) {
        errors.add(
            Diagnostic.error(
                directory.get().location(),
                BUILDOUT,
                DIRECTORY,
                "'"
                    + directory.get().text()
                    + "' is not the partition given by --partition ('"
                    + given.get()
                    + "'); expected the same folder, or no directory option"));
        return Optional.empty();
      }
      return given;
    }
    if (directory.isPresent() && directory.get().location().isBuiltIn()) {
      // buildout's own default, the profile's folder: a checkout's examples/ would get the
      // partition's folders, its private key and its password.
      errors.add(
          Diagnostic.error(
              new Location(file, 0),
              BUILDOUT,
              DIRECTORY,
              "no partition folder: give --partition DIR (a new or existing partition), or set"
                  + " [buildout] directory; the profile's own folder ("
                  + directory.get().text()
                  + ") is not used"));
      return Optional.empty();
    }
    if (directory.isEmpty() || !directory.get().text().startsWith("/")) {
      errors.add(
          Diagnostic.error(
              directory.map(Value::location).orElse(new Location(file, 0)),
              BUILDOUT,
              DIRECTORY,
              "missing: expected the partition folder as an absolute path here, or --partition"));
      return Optional.empty();
    }
    return Optional.of(Path.of(directory.get().text()).normalize());
  }

  private static Map<String, Value> section(IniDocument document, String name) {
    return document.sectionNames().contains(name) ? document.section(name) : Map.of();
  }

  /** {@code source}, with {@code [buildout] directory} set to the partition when it has none. */
  private static SectionSource withDirectory(
      SectionSource source, Optional<Value> directory, Optional<Path> given) {
    if (directory.isPresent() || given.isEmpty()) {
      return source;
    }
    return new SectionSource() {
      @Override
      public Optional<Map<String, Value>> section(String name) throws ConfigException {
        Optional<Map<String, Value>> section = source.section(name);
        if (!name.equals(BUILDOUT)) {
          return section;
        }
        Map<String, Value> options = new LinkedHashMap<>(section.orElse(Map.of()));
        options.put(
            DIRECTORY, new Value(given.get().toString(), Location.builtIn("--partition")));
        return Optional.of(options);
      }

      @Override
      public Location origin() {
        return source.origin();
      }
    };
  }
}
