package slapmon.slapos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A software release as an SR author writes it on top of slapmon: its {@code software.cfg} extends
 * the repository's {@code software.cfg} and a stand-in for SlapOS's {@code component/java-jdk}
 * (section {@code [java-jdk]}, option {@code location}, as the component sets it once built).
 */
final class ReleaseFixture {
  static final String JDK_LOCATION = "/opt/slapgrid/0123abcd/parts/java-jdk";

  private ReleaseFixture() {}

  /** Writes the release's profiles into {@code folder} and returns its software.cfg. */
  static Path write(Path folder) throws IOException {
    return write(folder, JDK_LOCATION);
  }

  /** As {@link #write(Path)}, with the Java runtime installed at {@code jdkLocation}. */
  static Path write(Path folder, String jdkLocation) throws IOException {
    Files.createDirectories(folder);
    Files.writeString(
        folder.resolve("java-jdk.cfg"),
        "# Stands for component/java-jdk/buildout.cfg once its part is installed.\n"
            + "[java-jdk]\n"
            + "location = "
            + jdkLocation
            + "\n",
        StandardCharsets.UTF_8);
    Path software = folder.resolve("software.cfg");
    Files.writeString(
        software,
        "[buildout]\n"
            + "extends =\n"
            + "  java-jdk.cfg\n"
            + "  "
            + SlaposOracle.softwareProfile()
            + "\n"
            + "parts +=\n"
            + "  template\n"
            + "\n"
            + "# The SR's own instance template gets the monitor template's path, as with the"
            + " original stack.\n"
            + "[template]\n"
            + "recipe = slapos.recipe.build\n"
            + "template-monitor = ${monitor2-template:output}\n"
            + "template-monitor-rendered = ${monitor2-template:rendered}\n",
        StandardCharsets.UTF_8);
    return software;
  }

  /** The release built: {@code [monitor2-template]} rendered, everything resolved. */
  static SlaposOracle.Resolution build(Path folder) throws Exception {
    Path software = write(folder);
    return SlaposOracle.resolve(software, Map.of(), folder);
  }

  /** {@code template-monitor.cfg} as the release's build renders it. */
  static String templateMonitor(Path folder) throws Exception {
    return templateMonitor(folder, JDK_LOCATION);
  }

  /** As {@link #templateMonitor(Path)}, with the Java runtime installed at {@code jdkLocation}. */
  static String templateMonitor(Path folder, String jdkLocation) throws Exception {
    String text =
        SlaposOracle.resolve(write(folder, jdkLocation), Map.of(), folder)
            .rendered()
            .get("monitor2-template");
    if (text == null) {
      throw new AssertionError("the release's build rendered no [monitor2-template]");
    }
    return text;
  }
}
