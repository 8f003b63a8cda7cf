package slapmon.config.settings;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code [monitor]} section of {@code etc/monitor.conf} (SPEC §A.3.3), typed: values are
 * literal (a {@code %} is just a character, SPEC D.4 #31), lists split on white space.
 *
 * @param title {@code title}
 * @param rootTitle {@code root-title}
 * @param baseUrl {@code base-url}
 * @param monitorUrlList {@code monitor-url-list}
 * @param folders the folders and bootstrap files
 * @param linkedPaths {@code public-path-list} and {@code private-path-list}
 * @param parameterFilePath {@code parameter-file-path}, the knowledge0 cfg
 * @param parameterList {@code parameter-list}
 * @param seedEra the promise paths of files written before 2018
 * @param subMonitorCaFile {@code sub-monitor-ca-file}: PEM certificates trusted, besides the JDK's
 *     default ones, when the sub-monitors' monitor.global.json is fetched (self-signed ones)
 */
public record MonitorSection(
    String title,
    String rootTitle,
    URI baseUrl,
    List<URI> monitorUrlList,
    MonitorConfFolders folders,
    LinkedPaths linkedPaths,
    Path parameterFilePath,
    List<ParameterLine> parameterList,
    SeedEraPaths seedEra,
    Optional<Path> subMonitorCaFile) {

  public MonitorSection {
    Checks.line(title, "title");
    Checks.line(rootTitle, "rootTitle");
    Checks.baseUrl(baseUrl, "baseUrl");
    monitorUrlList = Checks.allBaseUrls(List.copyOf(monitorUrlList), "monitorUrlList");
    Objects.requireNonNull(folders, "folders");
    Objects.requireNonNull(linkedPaths, "linkedPaths");
    Checks.absolute(parameterFilePath, "parameterFilePath");
    parameterList = List.copyOf(parameterList);
    Objects.requireNonNull(seedEra, "seedEra");
    Objects.requireNonNull(subMonitorCaFile, "subMonitorCaFile");
    subMonitorCaFile.ifPresent(path -> Checks.absolute(path, "subMonitorCaFile"));
  }

  /** A section without {@code sub-monitor-ca-file}. */
  public MonitorSection(
      String title,
      String rootTitle,
      URI baseUrl,
      List<URI> monitorUrlList,
      MonitorConfFolders folders,
      LinkedPaths linkedPaths,
      Path parameterFilePath,
      List<ParameterLine> parameterList,
      SeedEraPaths seedEra) {
    this(
        title,
        rootTitle,
        baseUrl,
        monitorUrlList,
        folders,
        linkedPaths,
        parameterFilePath,
        parameterList,
        seedEra,
        Optional.empty());
  }
}
