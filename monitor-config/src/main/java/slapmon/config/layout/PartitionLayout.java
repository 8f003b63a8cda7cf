package slapmon.config.layout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import slapmon.config.settings.MonitorConf;
import slapmon.config.settings.MonitorDirectoryParameters;
import slapmon.config.settings.MonitorSection;
import slapmon.config.settings.PromisesSection;

/**
 * Where everything of a partition's monitor is (SPEC §A.2, §A.5.2, §B.3): the one owner of its
 * paths. It is derived once, from {@code monitor.conf} for the runtime ({@link #of(MonitorConf,
 * Path)}) and from {@code [monitor-directory]} for the render ({@link #rendered}), and every path
 * of the partition's tree that the render writes or the runtime reads and writes is one of its
 * fields or methods: nothing else resolves such a name ({@code PathsOnlyInLayoutTest}). What the
 * settings name themselves stays theirs: the defaults of {@code [monitor-directory]}, the files of
 * {@code [httpd]}, the render's scripts in {@code bin} and {@code etc/service}. The seed era's {@code monitor.conf} (before 2018) names
 * its promise paths in {@code [monitor]}; today's adds {@code [promises]}, with slapgrid's plugins
 * ({@link #pluginFolder}) and their results under {@code .slapgrid/}.
 *
 * @param partition the partition folder: where promises run, {@code .slapgrid/} is under it
 * @param etc the folder of {@code monitor.conf}
 * @param publicFolder {@code public-folder}: status files, history, feed
 * @param privateFolder {@code private-folder}: reports, documents, config
 * @param webdavFolder {@code webdav-folder}
 * @param promiseOutputFile {@code promise-output-file}, the bootstrap's success marker
 * @param pidFile {@code pid-file}
 * @param promiseFolder {@code [monitor] promise-folder}: the partition's promises, {@code
 *     etc/promise}
 * @param monitorPromiseFolder {@code [monitor] monitor-promise-folder}: monitor-only promises
 * @param reportFolder {@code [monitor] report-folder}
 * @param promiseTimeoutFile {@code [monitor] promises-timeout-file}
 * @param collectorDb {@code [monitor] collector-db}
 * @param pluginFolder {@code [promises] promise-folder}, {@code etc/plugin}: present in today's
 *     layout only
 * @param legacyPromiseFolder {@code [promises] legacy-promise-folder}
 */
public record PartitionLayout(
    Path partition,
    Path etc,
    Path publicFolder,
    Path privateFolder,
    Path webdavFolder,
    Path promiseOutputFile,
    Path pidFile,
    Optional<Path> promiseFolder,
    Optional<Path> monitorPromiseFolder,
    Optional<Path> reportFolder,
    Optional<Path> promiseTimeoutFile,
    Optional<Path> collectorDb,
    Optional<Path> pluginFolder,
    Optional<Path> legacyPromiseFolder) {

  /** The name of the documents' folders of jIO, in {@code private/data}, {@code private/config}. */
  private static final String JIO_DOCUMENTS = ".jio_documents";

  /** The folders and links of {@code private/} the layout owns (a linked path cannot take them). */
  public static final List<String> PRIVATE_NAMES = List.of("config", "data", "documents");

  public PartitionLayout {
    absolute(partition, "partition");
    absolute(etc, "etc");
    absolute(publicFolder, "publicFolder");
    absolute(privateFolder, "privateFolder");
    absolute(webdavFolder, "webdavFolder");
    absolute(promiseOutputFile, "promiseOutputFile");
    absolute(pidFile, "pidFile");
    absolute(promiseFolder, "promiseFolder");
    absolute(monitorPromiseFolder, "monitorPromiseFolder");
    absolute(reportFolder, "reportFolder");
    absolute(promiseTimeoutFile, "promiseTimeoutFile");
    absolute(collectorDb, "collectorDb");
    absolute(pluginFolder, "pluginFolder");
    absolute(legacyPromiseFolder, "legacyPromiseFolder");
  }

  /**
   * The layout {@code monitor.conf} describes; {@code confFile} is where it was read: its folder
   * is {@code etc/}, whose parent is the partition unless {@code [promises] partition-folder} says
   * otherwise.
   */
  public static PartitionLayout of(MonitorConf conf, Path confFile) {
    Path etc = confFile.toAbsolutePath().normalize().getParent();
    Path partition =
        conf.promises().flatMap(p -> p.partition().folder()).orElse(etc.getParent());
    return of(conf.monitor(), conf.promises(), partition, etc);
  }

  /** The layout of a {@code [monitor]} section and {@code [promises]}, when there is one. */
  public static PartitionLayout of(
      MonitorSection monitor, Optional<PromisesSection> promises, Path partition) {
    return of(monitor, promises, partition, absolute(partition, "partition").resolve("etc"));
  }

  private static PartitionLayout of(
      MonitorSection monitor, Optional<PromisesSection> promises, Path partition, Path etc) {
    return new PartitionLayout(
        partition,
        etc,
        monitor.folders().publicFolder(),
        monitor.folders().privateFolder(),
        monitor.folders().webdavFolder(),
        monitor.folders().promiseOutputFile(),
        monitor.folders().pidFile(),
        monitor.seedEra().promiseFolder(),
        monitor.seedEra().monitorPromiseFolder(),
        monitor.seedEra().reportFolder(),
        monitor.seedEra().promisesTimeoutFile(),
        monitor.seedEra().collectorDb(),
        promises.map(PromisesSection::promiseFolder),
        promises.flatMap(PromisesSection::legacyPromiseFolder));
  }

  /**
   * The layout the render lays out in a partition from its {@code [monitor-directory]}: the one
   * its {@code monitor.conf} then describes, with both the seed era's paths and today's.
   */
  public static PartitionLayout rendered(
      Path partition, MonitorDirectoryParameters directories, Optional<Path> collectorDb) {
    Path etc = directories.etc();
    Path promises = etc.resolve("promise");
    return new PartitionLayout(
        partition,
        etc,
        directories.publicFolder(),
        directories.privateFolder(),
        directories.webdav(),
        // Next to the public and private folders, as srv/monitor/monitor-bootstrap-status.
        directories.publicFolder().resolveSibling("monitor-bootstrap-status"),
        directories.pids().resolve("monitor-bootstrap.pid"),
        Optional.of(promises),
        Optional.of(directories.promises()),
        Optional.of(directories.reports()),
        Optional.of(etc.resolve("promise_timeout")),
        collectorDb,
        Optional.of(etc.resolve("plugin")),
        Optional.of(promises));
  }

  /** Today's layout: {@code monitor.conf} has {@code [promises]}, slapgrid runs plugins. */
  public boolean today() {
    return pluginFolder.isPresent();
  }

  /** The folders of executable promises, each once, the seed era's first. */
  public List<Path> promiseFolders() {
    List<Path> folders = new ArrayList<>();
    promiseFolder.ifPresent(folders::add);
    monitorPromiseFolder.ifPresent(folders::add);
    legacyPromiseFolder.ifPresent(folders::add);
    return folders.stream().distinct().toList();
  }

  // etc/

  public Path monitorConf() {
    return etc.resolve("monitor.conf");
  }

  public Path instanceInfo() {
    return etc.resolve("instance-info.conf");
  }

  /** The password file the render writes once, {@code etc/.monitor_pwd}. */
  public Path passwordFile() {
    return etc.resolve(".monitor_pwd");
  }

  /** What is published to SlapOS, {@code etc/monitor-publish.json}. */
  public Path publishFile() {
    return etc.resolve("monitor-publish.json");
  }

  /** The partition's own logs, {@code PARTITION/var/log}, which the render creates. */
  public Path partitionLog() {
    return partition.resolve("var/log");
  }

  // private/

  /** {@code private/config}: the parent of the config documents. */
  public Path configFolder() {
    return privateFolder.resolve("config");
  }

  /** {@code private/config/.jio_documents}: the config documents' folder. */
  public Path configDocuments() {
    return configFolder().resolve(JIO_DOCUMENTS);
  }

  /** {@code private/data}: the parent of the data documents. */
  public Path dataFolder() {
    return privateFolder.resolve("data");
  }

  /** {@code private/data/.jio_documents}: reports' history, the collect's and state's series. */
  public Path dataDocuments() {
    return dataFolder().resolve(JIO_DOCUMENTS);
  }

  /**
   * {@code private/documents}, {@code [monitor] document-folder}: a link to the data documents
   * where finished days of history are archived.
   */
  public Path documents() {
    return privateFolder.resolve("documents");
  }

  /** The parameters as the dashboard edits them ({@code config.json}). */
  public Path configJson() {
    return configDocuments().resolve(ConfigFiles.CONFIG);
  }

  /** The parameters' descriptions ({@code config.parameters.json}). */
  public Path configParametersJson() {
    return configDocuments().resolve(ConfigFiles.PARAMETERS);
  }

  /** Where an edit is uploaded ({@code config.tmp.json}). */
  public Path configUpload() {
    return configDocuments().resolve(ConfigFiles.UPLOAD);
  }

  /** The outcome of the last edits ({@code config.result.json}). */
  public Path configResult() {
    return configDocuments().resolve(ConfigFiles.RESULT);
  }

  // webdav/ (SPEC §A.5.2): links into the public and private trees, as jIO reads them

  /** {@code webdav/public}, a link to the public folder. */
  public Path webdavPublic() {
    return webdavFolder.resolve("public");
  }

  /** {@code webdav/private}, a link to the private folder. */
  public Path webdavPrivate() {
    return webdavFolder.resolve("private");
  }

  /** {@code webdav/jio_public}. */
  public Path jioPublic() {
    return webdavFolder.resolve("jio_public");
  }

  /** {@code webdav/jio_public/.jio_documents}, a link to the public folder. */
  public Path jioPublicDocuments() {
    return jioPublic().resolve(JIO_DOCUMENTS);
  }

  /** {@code webdav/jio_private}. */
  public Path jioPrivate() {
    return webdavFolder.resolve("jio_private");
  }

  /** {@code webdav/jio_private/.jio_documents}, a link to the private folder. */
  public Path jioPrivateDocuments() {
    return jioPrivate().resolve(JIO_DOCUMENTS);
  }

  /** {@code webdav/jio_private/data}, a link to {@link #dataFolder}. */
  public Path jioPrivateData() {
    return jioPrivate().resolve("data");
  }

  /** {@code webdav/jio_private/config}, a link to {@link #configFolder}. */
  public Path jioPrivateConfig() {
    return jioPrivate().resolve("config");
  }

  // .slapgrid/

  /** slapgrid's promise folders of this partition. */
  public Slapgrid slapgrid() {
    return new Slapgrid(partition);
  }

  /** {@code PARTITION/.slapgrid/promise/result}: slapgrid's launcher writes its results there. */
  public Path slapgridResults() {
    return slapgrid().results();
  }

  /** {@code public/promise}: slapgrid's results as the original's buildout publishes them. */
  public Path publishedSlapgridResults() {
    return publicFolder.resolve("promise");
  }

  /**
   * Where slapgrid's promise launcher works for a partition (SPEC §B.2), under {@code
   * PARTITION/.slapgrid/promise}; its own value, for the plugin runner that knows only the
   * partition folder.
   */
  public record Slapgrid(Path partition) {
    public Slapgrid {
      absolute(partition, "partition");
    }

    /** {@code result}: one {@code TITLE.status.json} per promise. */
    public Path results() {
      return promise().resolve("result");
    }

    /** {@code cache}: one JSON file per title, with its periodicity. */
    public Path cache() {
      return promise().resolve("cache");
    }

    /** {@code log}: one {@code TITLE.log} per plugin. */
    public Path logs() {
      return promise().resolve("log");
    }

    private Path promise() {
      return partition.resolve(".slapgrid").resolve("promise");
    }
  }

  /**
   * Every folder the runtime writes whole files into: where a killed writer may have left its
   * temporary file.
   */
  public List<Path> writtenFolders() {
    return List.of(
        publicFolder,
        privateFolder,
        configDocuments(),
        dataDocuments(),
        documents(),
        promiseOutputFile.getParent());
  }

  /** The names of the config documents (SPEC §A.7). */
  public static final class ConfigFiles {
    public static final String CONFIG = "config.json";
    public static final String PARAMETERS = "config.parameters.json";
    public static final String UPLOAD = "config.tmp.json";
    public static final String RESULT = "config.result.json";

    private ConfigFiles() {}
  }

  private static Path absolute(Path path, String what) {
    Objects.requireNonNull(path, what);
    if (!path.isAbsolute()) {
      throw new IllegalArgumentException(what + " must be absolute, got '" + path + "'");
    }
    return path;
  }

  private static void absolute(Optional<Path> path, String what) {
    Objects.requireNonNull(path, what);
    path.ifPresent(p -> absolute(p, what));
  }
}
