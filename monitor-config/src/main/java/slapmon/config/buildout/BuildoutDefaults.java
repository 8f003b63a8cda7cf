package slapmon.config.buildout;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import slapmon.config.Location;
import slapmon.config.ini.RawOption;

/**
 * The options zc.buildout gives {@code [buildout]} before any file is read, and what it does to
 * them after the files are merged (a {@code [versions]} section, absolute standard directories).
 * Files merge onto these, so {@code parts += x} works without {@code extends}.
 */
final class BuildoutDefaults {
  private static final Location DEFAULT = Location.builtIn("zc.buildout default");
  private static final List<String> STANDARD_DIRECTORIES =
      List.of("bin-directory", "parts-directory", "eggs-directory", "develop-eggs-directory");

  private BuildoutDefaults() {}

  /** The defaults for a buildout run in {@code directory} (the top file's folder by default). */
  static Map<String, Map<String, RawOption>> before(Path directory) {
    Map<String, RawOption> buildout = new LinkedHashMap<>();
    String[][] defaults = {
      {"allow-hosts", "*"},
      {"allow-picked-versions", "true"},
      {"bin-directory", "bin"},
      {"develop-eggs-directory", "develop-eggs"},
      {"eggs-directory", "eggs"},
      {"executable", "/usr/bin/python3"},
      {"find-links", ""},
      {"install-from-cache", "false"},
      {"installed", ".installed.cfg"},
      {"log-format", ""},
      {"log-level", "INFO"},
      {"newest", "true"},
      {"offline", "false"},
      {"parts-directory", "parts"},
      {"prefer-final", "true"},
      {"python", "buildout"},
      {"show-picked-versions", "false"},
      {"socket-timeout", ""},
      {"update-versions-file", ""},
      {"use-dependency-links", "true"},
      {"allow-unknown-extras", "false"},
    };
    for (String[] option : defaults) {
      buildout.put(option[0], RawOption.set(option[0], option[1], DEFAULT));
    }
    buildout.put(
        "directory",
        RawOption.set(
            "directory", directory.toAbsolutePath().normalize().toString(), DEFAULT));
    Map<String, Map<String, RawOption>> sections = new LinkedHashMap<>();
    sections.put("buildout", buildout);
    return sections;
  }

  static void after(Map<String, Map<String, RawOption>> sections) {
    Map<String, RawOption> buildout = sections.get("buildout");
    if (!buildout.containsKey("versions")) {
      buildout.put("versions", RawOption.set("versions", "versions", DEFAULT));
      sections.putIfAbsent("versions", new LinkedHashMap<>());
    }
    String directory = buildout.get("directory").text();
    for (String name : STANDARD_DIRECTORIES) {
      RawOption option = buildout.get(name);
      if (option != null && !option.text().contains("${")) {
        buildout.put(name, option.withText(join(directory, option.text()), option.location()));
      }
    }
    RawOption installed = buildout.get("installed");
    if (installed != null && !installed.text().isEmpty()) {
      buildout.put(
          "installed", installed.withText(join(directory, installed.text()), installed.location()));
    }
  }

  /** Python's {@code os.path.join} for two parts: an absolute second part wins. */
  private static String join(String first, String second) {
    if (second.startsWith("/") || first.isEmpty()) {
      return second;
    }
    return first.endsWith("/") ? first + second : first + "/" + second;
  }
}
