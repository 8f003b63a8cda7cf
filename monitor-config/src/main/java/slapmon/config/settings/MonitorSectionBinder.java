package slapmon.config.settings;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Binds {@code [monitor]} of {@code monitor.conf}. Required are the keys that the original
 * bootstrap requires in every era and that slapmon uses (SPEC §A.3.3, §B.3); a list may be empty
 * but must be written. The seed-era promise paths, {@code log-folder} and {@code document-folder}
 * are optional. The keys of commands that slapmon runs itself ({@code promise-runner}, {@code
 * collect-script}, {@code statistic-script}, {@code python}, {@code nice-cmd}, {@code randomsleep})
 * and of what it does not write ({@code crond-folder}, {@code logrotate-folder}, {@code
 * monitor-hal-json}) are accepted and ignored; any other key is a warning.
 */
final class MonitorSectionBinder {
  static final String SECTION = "monitor";

  private MonitorSectionBinder() {}

  static Optional<MonitorSection> bind(SectionReader in) {
    if (!in.present()) {
      in.missing("", "a [monitor] section with title, base-url, the folders and parameter-list");
      return Optional.empty();
    }
    Optional<String> title = in.requiredText("title", "the instance title");
    Optional<String> rootTitle = in.requiredText("root-title", "the hosting subscription title");
    Optional<URI> baseUrl = in.required("base-url", Parsers.BASE, Parsers.BASE_URL);
    Optional<List<URI>> urls =
        in.requiredList(
            "monitor-url-list",
            Parsers.BASE,
            "the sub-monitors' base URLs separated by white space (the option may be empty)");
    Optional<MonitorConfFolders> folders = folders(in);
    Optional<List<Path>> publicPaths = pathList(in, "public-path-list");
    Optional<List<Path>> privatePaths = pathList(in, "private-path-list");
    Optional<Path> parameterFile = requiredPath(in, "parameter-file-path");
    Optional<List<ParameterLine>> parameters = ParameterLines.read(in, "parameter-list");
    if (parameters.isEmpty()) {
      in.missing("parameter-list", "the parameter lines (the option may be empty)");
    }
    SeedEraPaths seedEra =
        new SeedEraPaths(
            in.optional("report-folder", Parsers.ABSOLUTE_PATH),
            in.optional("promise-folder", Parsers.ABSOLUTE_PATH),
            in.optional("monitor-promise-folder", Parsers.ABSOLUTE_PATH),
            in.optional("promises-timeout-file", Parsers.ABSOLUTE_PATH),
            in.optional("collector-db", Parsers.ABSOLUTE_PATH));
    Optional<Path> subMonitorCaFile = in.optional("sub-monitor-ca-file", Parsers.ABSOLUTE_PATH);
    in.ignore(
        "promise-runner",
        "collect-script",
        "statistic-script",
        "python",
        "nice-cmd",
        "randomsleep",
        "crond-folder",
        "logrotate-folder",
        "monitor-hal-json");
    in.warnUnknown();
    if (in.failed()
        || !SectionReader.allPresent(
            title,
            rootTitle,
            baseUrl,
            urls,
            folders,
            publicPaths,
            privatePaths,
            parameterFile,
            parameters)) {
      return Optional.empty();
    }
    return Optional.of(
        new MonitorSection(
            title.get(),
            rootTitle.get(),
            baseUrl.get(),
            urls.get(),
            folders.get(),
            new LinkedPaths(publicPaths.get(), privatePaths.get()),
            parameterFile.get(),
            parameters.get(),
            seedEra,
            subMonitorCaFile));
  }

  private static Optional<MonitorConfFolders> folders(SectionReader in) {
    Optional<Path> publicFolder = requiredPath(in, "public-folder");
    Optional<Path> privateFolder = requiredPath(in, "private-folder");
    Optional<Path> webdavFolder = requiredPath(in, "webdav-folder");
    Optional<Path> servicePidFolder = requiredPath(in, "service-pid-folder");
    Optional<Path> pidFile = requiredPath(in, "pid-file");
    Optional<Path> outputFile = requiredPath(in, "promise-output-file");
    Optional<Path> logFolder = in.optional("log-folder", Parsers.ABSOLUTE_PATH);
    Optional<Path> documentFolder = in.optional("document-folder", Parsers.ABSOLUTE_PATH);
    if (!SectionReader.allPresent(
        publicFolder, privateFolder, webdavFolder, servicePidFolder, pidFile, outputFile)) {
      return Optional.empty();
    }
    return Optional.of(
        new MonitorConfFolders(
            publicFolder.get(),
            privateFolder.get(),
            webdavFolder.get(),
            servicePidFolder.get(),
            pidFile.get(),
            outputFile.get(),
            logFolder,
            documentFolder));
  }

  private static Optional<Path> requiredPath(SectionReader in, String key) {
    return in.required(key, Parsers.ABSOLUTE_PATH, Parsers.PATH);
  }

  private static Optional<List<Path>> pathList(SectionReader in, String key) {
    return in.requiredList(
        key,
        Parsers.ABSOLUTE_PATH,
        "absolute paths separated by white space (the option may be empty)");
  }
}
