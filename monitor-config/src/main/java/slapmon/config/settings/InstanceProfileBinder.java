package slapmon.config.settings;

import java.util.Optional;
import slapmon.config.ConfigException;

/**
 * Binds the monitor sections of an instance profile to {@link MonitorSettings}, collecting every
 * diagnostic of every section before failing once.
 *
 * <p>Which sections must be there: none. {@code [monitor-instance-parameter]} may be absent, but
 * then its two options without a built-in default ({@code monitor-httpd-ipv6}, {@code
 * monitor-base-url}) are reported missing. {@code [monitor-directory]}, {@code
 * [monitor-httpd-conf-parameter]} and {@code [monitor-conf-parameters]} default, option by option,
 * to the original layout under the partition folder ({@code [buildout] directory}, which must then
 * be an absolute path). {@code [monitor-publish-parameters]} and {@code [monitor-publish]} are
 * bound when present (all their options required) and otherwise left empty for the renderer to
 * derive. {@code [monitor-base-url-dict]} is empty when absent. A section that cannot be resolved
 * (a broken {@code ${…}} reference) reports the reader's error, and its options are not reported
 * missing on top of it.
 *
 * <p>Unknown options are warnings in {@code [monitor-instance-parameter]}, {@code
 * [monitor-httpd-conf-parameter]} and {@code [monitor-publish-parameters]}; the other sections are
 * open to additions by software releases.
 */
final class InstanceProfileBinder {
  private InstanceProfileBinder() {}

  static Bound<MonitorSettings> bind(SectionSource source) throws ConfigException {
    Diagnostics diagnostics = new Diagnostics();
    PartitionRoot root = new PartitionRoot(source, diagnostics);
    Optional<MonitorDirectoryParameters> directories =
        DirectoriesBinder.bind(open(source, DirectoriesBinder.SECTION, diagnostics), root);
    Optional<InstanceParameters> instance =
        InstanceParametersBinder.bind(
            open(source, InstanceParametersBinder.SECTION, diagnostics),
            directories.map(MonitorDirectoryParameters::etc));
    Optional<HttpdConfParameters> httpd =
        HttpdConfParametersBinder.bind(
            open(source, HttpdConfParametersBinder.SECTION, diagnostics), instance, root);
    Optional<PublishParameters> publishParameters =
        PublishBinder.parameters(open(source, PublishBinder.PARAMETERS, diagnostics));
    Optional<Publish> publish =
        PublishBinder.publish(open(source, PublishBinder.PUBLISH, diagnostics));
    Optional<BaseUrlDict> dict =
        BaseUrlDictBinder.bind(open(source, BaseUrlDictBinder.SECTION, diagnostics));
    Optional<ConfParameters> conf =
        ConfParametersBinder.bind(open(source, ConfParametersBinder.SECTION, diagnostics), root);
    return diagnostics.finish(
        () ->
            new MonitorSettings(
                instance.orElseThrow(),
                directories.orElseThrow(),
                httpd.orElseThrow(),
                publishParameters,
                publish,
                dict.orElseThrow(),
                conf.orElseThrow().linkedPaths(),
                conf.orElseThrow().partition(),
                conf.orElseThrow().master()));
  }

  private static SectionReader open(SectionSource source, String name, Diagnostics diagnostics) {
    return SectionReader.open(source, name, diagnostics);
  }
}
