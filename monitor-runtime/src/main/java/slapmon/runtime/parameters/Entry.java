package slapmon.runtime.parameters;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One parameter as the config documents show it (SPEC §A.5.7): key ({@code ""} for a raw value),
 * title, current value and, for an editable one, its description in insertion order.
 */
record Entry(String key, String title, String value, Map<String, String> description) {
  Entry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(value, "value");
    description = Collections.unmodifiableMap(new LinkedHashMap<>(description));
  }

  boolean editable() {
    return !key.isEmpty();
  }
}
