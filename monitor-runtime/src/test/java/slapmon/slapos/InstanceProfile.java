package slapmon.slapos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The instance side of a software release on slapmon, in one partition folder: the release's
 * instance profile ({@code instance.cfg}) extends {@code template-monitor.cfg} as the release's
 * build rendered it, adds {@code monitor-base} and {@code publish} to its parts, publishes with
 * {@code <= monitor-publish}, and carries what slapgrid writes ({@code [slap-connection]}) and what
 * the master answers ({@code [slap-configuration]}, literal here), then the scenario's overrides.
 */
final class InstanceProfile {
  static final String IPV6 = "2001:db8::7";

  /**
   * What slapgrid writes into an instance's buildout ({@code [slap-connection]}) and what the
   * master answers ({@code [slap-configuration]}, whose recipe sets nothing here).
   */
  static final String SLAPGRID =
      """
      [slap-connection]
      computer-id = COMP-1234
      partition-id = slappart7
      server-url = https://master.example.com
      key-file = /srv/slapgrid/slappart7/.slapos-key
      cert-file = /srv/slapgrid/slappart7/.slapos-cert
      software-release-url = https://lab.example.com/software/webrunner/software.cfg

      [slap-configuration]
      instance-title = Webrunner-0
      root-instance-title = My Webrunner
      ipv6-random = %s
      ipv4-random = 10.0.0.7
      slap-software-type = default
      """
          .formatted(IPV6);

  private InstanceProfile() {}

  /** Writes {@code template} next to {@code partition} and the instance profile into it. */
  static Path write(Path partition, String template, String overrides) throws IOException {
    Files.createDirectories(partition);
    Files.writeString(
        partition.resolveSibling("template-monitor.cfg"), template, StandardCharsets.UTF_8);
    Path profile = partition.resolve("instance.cfg");
    Files.writeString(
        profile,
        """
        [buildout]
        extends = ../template-monitor.cfg
        parts =
          monitor-base
          publish

        [publish]
        recipe = slapos.cookbook:publish
        <= monitor-publish
        custom-value = published next to the monitor's

        """
            + SLAPGRID
            + "\n"
            + overrides,
        StandardCharsets.UTF_8);
    return profile;
  }

  /**
   * A profile for slapmon's own reader: {@code profile} plus, as literal options, what the
   * emulated recipes set at init in zc.buildout (options of a section with a recipe that its raw
   * options lack), so that both readers see the same values there.
   */
  static Path withComputedOptions(
      Path profile, SlaposOracle.Resolution resolution, Map<String, Map<String, String>> raw)
      throws IOException {
    StringBuilder text = new StringBuilder("[buildout]\nextends = " + profile.getFileName() + "\n");
    resolution
        .recipes()
        .forEach(
            (section, recipe) -> {
              Set<String> written = writtenOptions(section, raw);
              Map<String, String> computed =
                  resolution.section(section).entrySet().stream()
                      .filter(option -> !written.contains(option.getKey()))
                      .collect(
                          Collectors.toMap(
                              Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                              TreeMap::new));
              if (computed.isEmpty()) {
                return;
              }
              text.append("\n[").append(section).append("]\n");
              computed.forEach(
                  (key, value) -> {
                    if (value.contains("\n") || value.contains("${")) {
                      throw new AssertionError(
                          "[" + section + "] " + key + ": cannot be written literally: " + value);
                    }
                    text.append(key).append(" = ").append(value).append('\n');
                  });
            });
    Path file = profile.resolveSibling("computed.cfg");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /** The options the profiles write in {@code section}, its {@code <=} macros' included. */
  private static Set<String> writtenOptions(
      String section, Map<String, Map<String, String>> raw) {
    Map<String, String> options = raw.getOrDefault(section, Map.of());
    Set<String> written = new HashSet<>(options.keySet());
    for (String macro : options.getOrDefault("<", "").split("\n")) {
      if (!macro.isBlank()) {
        written.addAll(writtenOptions(macro.strip(), raw));
      }
    }
    return written;
  }

  /**
   * Writes the text of the hand-over part {@code [monitor-instance-file]} where the part would
   * (its {@code output}), and returns that path.
   */
  static Path handOver(SlaposOracle.Resolution resolution) throws IOException {
    String text = resolution.rendered().get("monitor-instance-file");
    if (text == null) {
      throw new AssertionError("zc.buildout rendered no [monitor-instance-file]");
    }
    Path output = Path.of(resolution.section("monitor-instance-file").get("output"));
    Files.createDirectories(output.getParent());
    Files.writeString(output, text, StandardCharsets.UTF_8);
    return output;
  }
}
