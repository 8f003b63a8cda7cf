package slapmon.config.settings;

import java.util.Map;
import java.util.Optional;
import slapmon.config.ConfigException;
import slapmon.config.Location;
import slapmon.config.Value;
import slapmon.config.buildout.BuildoutConfig;
import slapmon.config.ini.IniDocument;

/**
 * Binds configuration to the typed settings of the monitor: an instance profile to {@link
 * MonitorSettings}, a {@code monitor.conf} to {@link MonitorConf}. Every problem of every section
 * is collected before one {@link ConfigException} is thrown; warnings come back with the value.
 *
 * <p>The reader's own warnings (such as an option set twice) are not repeated here: take them from
 * {@link BuildoutConfig#warnings()} and {@link IniDocument#warnings()}.
 */
public final class Settings {
  private Settings() {}

  /** The monitor settings of a resolved instance profile (see {@link #bindInstance}). */
  public static Bound<MonitorSettings> fromInstance(BuildoutConfig config) throws ConfigException {
    return bindInstance(sourceOf(config));
  }

  /** The settings of an {@code etc/monitor.conf} read literally. */
  public static Bound<MonitorConf> fromMonitorConf(IniDocument document) throws ConfigException {
    return bindMonitorConf(sourceOf(document));
  }

  /**
   * The monitor settings of any source of instance-profile sections.
   *
   * <p>No section is required. Absent options take the original template's defaults; an empty value
   * counts as absent (except {@code cors-domains}, where it turns CORS off). Without a SlapOS
   * default, {@code monitor-httpd-ipv6} and {@code monitor-base-url} are required. Folders and
   * files default to the original layout under {@code [buildout] directory}. {@code
   * [monitor-publish-parameters]} and {@code [monitor-publish]} are bound only when present.
   */
  public static Bound<MonitorSettings> bindInstance(SectionSource source) throws ConfigException {
    return InstanceProfileBinder.bind(source);
  }

  /** The settings of any source of {@code monitor.conf} sections. */
  public static Bound<MonitorConf> bindMonitorConf(SectionSource source) throws ConfigException {
    return MonitorConfBinder.bind(source);
  }

  /**
   * {@code [httpd]} of an {@code etc/monitor.conf} alone, bound by the same rules as {@link
   * #fromMonitorConf}: what the running monitor takes again when the file changes, without binding
   * the sections it does not take again.
   */
  public static Bound<Optional<HttpdSection>> httpdOf(IniDocument document)
      throws ConfigException {
    Diagnostics diagnostics = new Diagnostics();
    Optional<HttpdSection> httpd =
        HttpdSectionBinder.bind(
            SectionReader.open(sourceOf(document), HttpdSectionBinder.SECTION, diagnostics));
    return diagnostics.finish(() -> httpd);
  }

  /**
   * A buildout profile's sections, resolved (macros expanded, references substituted) on demand.
   */
  public static SectionSource sourceOf(BuildoutConfig config) {
    Location origin = new Location(config.file(), 0);
    return new SectionSource() {
      @Override
      public Optional<Map<String, Value>> section(String name) throws ConfigException {
        return config.hasSection(name) ? Optional.of(config.section(name)) : Optional.empty();
      }

      @Override
      public Location origin() {
        return origin;
      }
    };
  }

  /** A literal INI file's sections. */
  public static SectionSource sourceOf(IniDocument document) {
    Location origin = new Location(document.file(), 0);
    return new SectionSource() {
      @Override
      public Optional<Map<String, Value>> section(String name) {
        return document.sectionNames().contains(name)
            ? Optional.of(document.section(name))
            : Optional.empty();
      }

      @Override
      public Location origin() {
        return origin;
      }
    };
  }
}
