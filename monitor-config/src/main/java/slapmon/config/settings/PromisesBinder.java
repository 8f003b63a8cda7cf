package slapmon.config.settings;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Binds {@code [promises]} of {@code monitor.conf}, an optional section: when present, {@code
 * promise-folder} and {@code output-folder} are required, as the original bootstrap requires them,
 * and everything else is optional; unknown keys are warnings.
 */
final class PromisesBinder {
  static final String SECTION = "promises";
  private PromisesBinder() {}

  static Optional<PromisesSection> bind(SectionReader in) {
    if (!in.present()) {
      return Optional.empty();
    }
    Optional<Path> promiseFolder =
        in.required(
            "promise-folder",
            Parsers.ABSOLUTE_PATH,
            Parsers.PATH + ", the folder of the promises to run");
    Optional<Path> outputFolder =
        in.required(
            "output-folder",
            Parsers.ABSOLUTE_PATH,
            Parsers.PATH + ", the folder of the promise results");
    SlapPartition partition =
        SlapIdentityBinder.partition(in, in.optional("partition-folder", Parsers.ABSOLUTE_PATH));
    SlapMaster master = SlapIdentityBinder.master(in);
    Optional<Path> legacyFolder = in.optional("legacy-promise-folder", Parsers.ABSOLUTE_PATH);
    Optional<Path> historyFolder = in.optional("history-folder", Parsers.ABSOLUTE_PATH);
    Optional<Path> pidPath = in.optional("pid-path", Parsers.ABSOLUTE_PATH);
    Duration timeout =
        in.optional("promise-timeout", Parsers.PROMISE_TIMEOUT).orElse(PromiseTimeout.DEFAULT);
    boolean checkAnomaly = in.optional("check-anomaly", Parsers.TRUTH).orElse(false);
    Optional<Path> pluginPython = in.optional("plugin-python", Parsers.ABSOLUTE_PATH);
    boolean runPlugins = in.optional("run-plugins", Parsers.TRUTH).orElse(false);
    in.warnUnknown();
    if (in.failed() || !SectionReader.allPresent(promiseFolder, outputFolder)) {
      return Optional.empty();
    }
    return Optional.of(
        new PromisesSection(
            promiseFolder.get(),
            legacyFolder,
            outputFolder.get(),
            historyFolder,
            pidPath,
            timeout,
            checkAnomaly,
            partition,
            master,
            pluginPython,
            runPlugins));
  }
}
