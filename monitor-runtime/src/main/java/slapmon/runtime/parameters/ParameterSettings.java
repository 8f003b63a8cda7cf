package slapmon.runtime.parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import slapmon.config.settings.ParameterLine;

/**
 * What the parameters need of monitor.conf: the editable parameters, the promise timeout's file,
 * the folder of the config documents and the knowledge file they are read from.
 */
public record ParameterSettings(
    List<ParameterLine> parameters,
    Optional<Path> timeoutFile,
    Path documentsFolder,
    Path knowledgeFile) {
  public ParameterSettings {
    parameters = List.copyOf(parameters);
    Objects.requireNonNull(timeoutFile, "timeoutFile");
    Objects.requireNonNull(documentsFolder, "documentsFolder");
    Objects.requireNonNull(knowledgeFile, "knowledgeFile");
  }

  /** The writer of config.json, config.parameters.json and the knowledge0 cfg. */
  public ConfigDocuments documents() {
    return new ConfigDocuments(documentsFolder, knowledgeFile, parameters);
  }
}
