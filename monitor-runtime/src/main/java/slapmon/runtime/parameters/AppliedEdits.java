package slapmon.runtime.parameters;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import slapmon.config.settings.ParameterLine;
import slapmon.config.settings.ParameterLine.HttpdCorsParameter;
import slapmon.runtime.live.LiveParameters;
import slapmon.runtime.log.LogText;

/**
 * The parameter editor's side of the {@link LiveParameters}: at start, the CORS domains saved from
 * the editor (which win over {@code [httpd] cors-domains} while any is set); then each applied
 * edit that the running monitor takes without a restart (CORS domains, a rewritten htpasswd file,
 * a rewritten promise timeout file) is handed to them at once. Thread-safe.
 */
public final class AppliedEdits {
  private static final System.Logger LOG = System.getLogger("slapmon.parameters");

  private final LiveParameters live;

  private AppliedEdits(LiveParameters live) {
    this.live = Objects.requireNonNull(live, "live");
  }

  /** The edits in force at start, for an editor whose edits nothing running takes. */
  public static AppliedEdits atStart(List<ParameterLine> parameters) {
    return atStart(parameters, LiveParameters.unwatched());
  }

  /**
   * The edits in force at start, handed to {@code live}: the saved value ({@code prev_} file) of
   * each {@code httpdcors} parameter; a value that is not a list of host names is ignored, with a
   * warning.
   */
  public static AppliedEdits atStart(List<ParameterLine> parameters, LiveParameters live) {
    AppliedEdits edits = new AppliedEdits(live);
    for (ParameterLine line : parameters) {
      if (line instanceof HttpdCorsParameter) {
        edits.corsAtStart((HttpdCorsParameter) line);
      }
    }
    return edits;
  }

  private void corsAtStart(HttpdCorsParameter line) {
    Path saved = EntryReader.previousCors(line.corsFile());
    try {
      corsApplied(line.key(), CorsDomains.parse(FileValues.read(saved)));
    } catch (IOException e) {
      LOG.log(
          Level.WARNING,
          LogText.bounded("event=cors-saved-unreadable key=" + line.key() + " " + e.getMessage()));
    } catch (IllegalArgumentException e) {
      LOG.log(Level.WARNING, LogText.bounded("event=cors-saved-ignored key=" + line.key()
          + " file=" + saved + " problem=the saved value " + e.getMessage()));
    }
  }

  /**
   * The CORS domains saved from the editor, every {@code httpdcors} key's together in order;
   * empty when none is set, and then {@code [httpd] cors-domains} applies.
   */
  public List<String> corsDomains() {
    return live.editedCorsDomains();
  }

  void corsApplied(String key, List<String> domains) {
    live.corsEdited(key, domains);
  }

  void htpasswdWritten(Path file) {
    live.htpasswdWritten(file);
  }

  void promiseTimeoutWritten() {
    live.promiseTimeoutWritten();
  }
}
