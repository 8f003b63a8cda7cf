package slapmon.config.settings;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code [monitor-base-url-dict]}: sub-monitor name to base URL, in the order of the section. */
public record BaseUrlDict(Map<String, URI> urls) {

  public BaseUrlDict {
    Map<String, URI> copy = new LinkedHashMap<>();
    urls.forEach(
        (name, url) ->
            copy.put(Objects.requireNonNull(name), Checks.baseUrl(url, "url of " + name)));
    urls = Collections.unmodifiableMap(copy);
  }

  public static BaseUrlDict empty() {
    return new BaseUrlDict(Map.of());
  }

  /** The URLs in section order: the {@code monitor-url-list} when none is given explicitly. */
  public List<URI> values() {
    return List.copyOf(urls.values());
  }
}
