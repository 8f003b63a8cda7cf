package slapmon.runtime.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class OwnLauncherTest {
  @Test
  void the_openssl_folder_given_to_this_jvm_is_passed_on_and_none_when_none_was_given()
      throws Exception {
    assertThat(probe("-Dorg.wildfly.openssl.path=/sr/parts/openssl/lib"))
        .isEqualTo("Optional[/sr/parts/openssl/lib]");
    assertThat(probe("-Dslapmon.none=")).isEqualTo("Optional.empty");
  }

  private static String probe(String property) throws Exception {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                property,
                "-cp",
                System.getProperty("java.class.path"),
                Probe.class.getName())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output.strip();
  }

  /** Prints the OpenSSL folder of this JVM's own launcher. */
  public static final class Probe {
    public static void main(String[] args) {
      System.out.println(OwnLauncher.current().opensslFolder());
    }
  }
}
