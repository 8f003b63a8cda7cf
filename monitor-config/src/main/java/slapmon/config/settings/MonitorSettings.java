package slapmon.config.settings;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an instance profile says about its monitor, typed and checked: the sections of the
 * original instance template that a software release sets or overrides.
 *
 * @param instance {@code [monitor-instance-parameter]}
 * @param directories {@code [monitor-directory]}
 * @param httpd {@code [monitor-httpd-conf-parameter]}
 * @param publishParameters {@code [monitor-publish-parameters]}, when the profile has it
 * @param publish {@code [monitor-publish]}, when the profile has it
 * @param baseUrlDict {@code [monitor-base-url-dict]}, empty when the profile has none
 * @param linkedPaths {@code public-path-list} and {@code private-path-list} of {@code
 *     [monitor-conf-parameters]}
 * @param partition the partition's SlapOS identity from {@code [monitor-conf-parameters]}, each
 *     part empty when not given (its folder is always empty: the renderer knows the partition)
 * @param master the SlapOS master from {@code [monitor-conf-parameters]}, each part optional
 */
public record MonitorSettings(
    InstanceParameters instance,
    MonitorDirectoryParameters directories,
    HttpdConfParameters httpd,
    Optional<PublishParameters> publishParameters,
    Optional<Publish> publish,
    BaseUrlDict baseUrlDict,
    LinkedPaths linkedPaths,
    SlapPartition partition,
    SlapMaster master) {

  public MonitorSettings {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(directories, "directories");
    Objects.requireNonNull(httpd, "httpd");
    Objects.requireNonNull(publishParameters, "publishParameters");
    Objects.requireNonNull(publish, "publish");
    Objects.requireNonNull(baseUrlDict, "baseUrlDict");
    Objects.requireNonNull(linkedPaths, "linkedPaths");
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(master, "master");
  }

  /**
   * The sub-monitors' base URLs, as {@code monitor.conf}'s {@code monitor-url-list}: an explicit,
   * non-empty {@code monitor-url-list} of {@code [monitor-instance-parameter]} wins, otherwise the
   * values of {@code [monitor-base-url-dict]} in order (the 2018 fix, SPEC D.4 #16).
   */
  public List<URI> monitorUrlList() {
    List<URI> explicit = instance.monitorUrlList();
    return explicit.isEmpty() ? baseUrlDict.values() : explicit;
  }
}
