package slapmon.runtime.parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import slapmon.config.settings.ParameterLine;

/**
 * The parameters as they are now: each editable one by key with its line and current value, and
 * each raw value by title. Read from {@code parameter-list} and the files, exactly as the config
 * documents show them; never from config.parameters.json, which a WebDAV client could rewrite to
 * point a key at any file.
 */
final class CurrentParameters {
  /** An editable parameter: its line of parameter-list and the value the editor shows. */
  record Editable(ParameterLine line, String value) {}

  private final Map<String, Editable> editable;
  private final Map<String, String> raw;

  private CurrentParameters(Map<String, Editable> editable, Map<String, String> raw) {
    this.editable = editable;
    this.raw = raw;
  }

  /** Reads the current values; a parameter the documents would skip is not editable. */
  static CurrentParameters read(List<ParameterLine> lines) {
    EntryReader reader = new EntryReader(new ArrayList<>());
    Map<String, Editable> editable = new LinkedHashMap<>();
    Map<String, String> raw = new LinkedHashMap<>();
    for (ParameterLine line : lines) {
      Optional<Entry> entry = reader.read(line);
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.get().editable()) {
        editable.putIfAbsent(entry.get().key(), new Editable(line, entry.get().value()));
      } else {
        raw.putIfAbsent(entry.get().title(), entry.get().value());
      }
    }
    return new CurrentParameters(editable, raw);
  }

  Optional<Editable> editable(String key) {
    return Optional.ofNullable(editable.get(key));
  }

  Optional<String> raw(String title) {
    return Optional.ofNullable(raw.get(title));
  }

  /** The editable keys, in parameter-list order, for messages. */
  List<String> keys() {
    return List.copyOf(editable.keySet());
  }
}
