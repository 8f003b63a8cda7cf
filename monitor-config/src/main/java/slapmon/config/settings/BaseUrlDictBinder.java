package slapmon.config.settings;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Binds {@code [monitor-base-url-dict]}, an optional section: every option is a sub-monitor whose
 * value is its base URL. An empty value (a sub-instance that has not published its URL yet) is left
 * out with a warning.
 */
final class BaseUrlDictBinder {
  static final String SECTION = "monitor-base-url-dict";

  private BaseUrlDictBinder() {}

  static Optional<BaseUrlDict> bind(SectionReader in) {
    Map<String, URI> urls = new LinkedHashMap<>();
    in.all()
        .forEach(
            (name, value) -> {
              if (value.text().isEmpty()) {
                in.warning(
                    value.location(),
                    name,
                    "no URL yet; this sub-monitor is left out of monitor-url-list");
              } else {
                in.optional(name, Parsers.BASE).ifPresent(url -> urls.put(name, url));
              }
            });
    return in.failed() ? Optional.empty() : Optional.of(new BaseUrlDict(urls));
  }
}
