package slapmon.slapos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * A software release as an SR author writes it on top of slapmon, in a stand-in SlapOS tree:
 * slapmon's {@code software.cfg} and its files at {@code stack/slapmon/}, and stand-ins for what
 * it extends ({@code component/java}'s {@code [java-re-temurin-21]} once built, {@code
 * stack/logrotate}'s {@code [template-logrotate-base]} once rendered, {@code stack/slapos.cfg}'s
 * egg sections). The release's {@code software.cfg} extends {@code
 * ../../stack/slapmon/software.cfg} and points {@code [slapmon-jar]} at this checkout's jar.
 */
final class ReleaseFixture {
  static final String JDK_LOCATION = "/opt/slapgrid/0123abcd/parts/java-re-temurin-21";
  static final List<String> SLAPMON_FILES =
      List.of("software.cfg", "instance-monitor.cfg.jinja2", "template-monitor-httpd-wrapper.sh.in");

  /** The components software.cfg extends besides component/java, for the releases' sake. */
  static final List<String> OTHER_COMPONENTS =
      List.of(
          "apache", "curl", "dash", "openssl", "lxml-python", "python-cryptography", "randomsleep");

  private ReleaseFixture() {}

  /**
   * Stands for the release's built OpenSSL: a folder whose {@code lib} is this machine's folder of
   * libssl (or an empty one, where the monitor's TLS falls back to the JDK's).
   */
  private static Path opensslStandIn(Path folder) throws IOException {
    Path openssl = Files.createDirectories(folder.resolve("parts/openssl"));
    Path lib = openssl.resolve("lib");
    if (Files.exists(lib, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return openssl;
    }
    for (String system : List.of("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64")) {
      if (Files.exists(Path.of(system, "libssl.so.3")) || Files.exists(Path.of(system, "libssl.so.1.1"))) {
        Files.createSymbolicLink(lib, Path.of(system));
        return openssl;
      }
    }
    Files.createDirectories(lib);
    return openssl;
  }

  /** Writes the tree into {@code folder} and returns the release's software.cfg. */
  static Path write(Path folder) throws IOException {
    return write(folder, JDK_LOCATION);
  }

  /** As {@link #write(Path)}, with the Java runtime installed at {@code jdkLocation}. */
  static Path write(Path folder, String jdkLocation) throws IOException {
    Path slapmon = Files.createDirectories(folder.resolve("stack/slapmon"));
    for (String name : SLAPMON_FILES) {
      Files.copy(
          SlaposOracle.repository().resolve(name),
          slapmon.resolve(name),
          StandardCopyOption.REPLACE_EXISTING);
    }
    Path logrotateBase = folder.resolve("instance-logrotate-base.cfg");
    writeFile(
        logrotateBase,
        "# Stands for stack/logrotate's rendered instance-logrotate-base.cfg: its folders and\n"
            + "# the two entries of its own parts that [monitor-base] depends on.\n"
            + "[logrotate-directory]\n"
            + "bin = ${buildout:directory}/bin\n"
            + "srv = ${buildout:directory}/srv\n"
            + "[cron-entry-logrotate]\n"
            + "name = logrotate\n"
            + "[logrotate-entry-cron]\n"
            + "name = crond\n");
    writeFile(
        folder.resolve("component/java/buildout.cfg"),
        "# Stands for component/java/buildout.cfg once its part is installed.\n"
            + "[java-re-temurin-21]\n"
            + "location = " + jdkLocation + "\n");
    for (String component : OTHER_COMPONENTS) {
      writeFile(
          folder.resolve("component/" + component + "/buildout.cfg"),
          "# Stands for component/" + component + ", which slapmon extends as the original did.\n"
              + (component.equals("openssl")
                  ? "[openssl]\nlocation = " + opensslStandIn(folder) + "\n"
                  : ""));
    }
    writeFile(
        folder.resolve("stack/logrotate/buildout.cfg"),
        "[template-logrotate-base]\noutput = " + logrotateBase + "\n");
    writeFile(
        folder.resolve("stack/slapos.cfg"),
        "[slapos-cookbook]\nrecipe = zc.recipe.egg\neggs = slapos.cookbook\n\n"
            + "[slapos-toolbox]\nrecipe = zc.recipe.egg\neggs = slapos.toolbox\n");
    Path software = folder.resolve("software/mysr/software.cfg");
    writeFile(
        software,
        "[buildout]\n"
            + "extends = ../../stack/slapmon/software.cfg\n"
            + "parts +=\n"
            + "  template\n"
            + "\n"
            + "[slapmon-jar]\n"
            + "jar = " + SlaposOracle.repository().resolve("monitor-runtime/target/slapmon.jar")
            + "\n\n"
            + "# The SR's own instance template gets the monitor template's path, as with the"
            + " original stack.\n"
            + "[template]\n"
            + "recipe = slapos.recipe.build\n"
            + "template-monitor = ${monitor2-template:output}\n"
            + "template-monitor-rendered = ${monitor2-template:rendered}\n"
            + "template-monitor-old-name = ${monitor-template:output}\n");
    return software;
  }

  /** The copy of slapmon's {@code software.cfg} in the tree {@link #write} wrote. */
  static Path slapmonSoftware(Path folder) {
    return folder.resolve("stack/slapmon/software.cfg");
  }

  private static void writeFile(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** The release built: {@code [monitor2-template]} rendered, everything resolved. */
  static SlaposOracle.Resolution build(Path folder) throws Exception {
    Path software = write(folder);
    return SlaposOracle.resolve(software, Map.of(), software.getParent());
  }

  /** {@code template-monitor.cfg} as the release's build renders it. */
  static String templateMonitor(Path folder) throws Exception {
    return templateMonitor(folder, JDK_LOCATION);
  }

  /** As {@link #templateMonitor(Path)}, with the Java runtime installed at {@code jdkLocation}. */
  static String templateMonitor(Path folder, String jdkLocation) throws Exception {
    String text =
        SlaposOracle.resolve(write(folder, jdkLocation), Map.of(), folder.resolve("software/mysr"))
            .rendered()
            .get("monitor2-template");
    if (text == null) {
      throw new AssertionError("the release's build rendered no [monitor2-template]");
    }
    return text;
  }
}
