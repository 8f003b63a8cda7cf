package slapmon.runtime.state;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The URLs the published documents carry, derived from the base URL (SPEC §A.8.1) with today's
 * {@code share/public/} and {@code share/private/} (§B.1): the seed's {@code jio_} trees are still
 * served, but the OfficeJS app reads {@code share/private/}.
 */
record Links(String base, List<String> relatedMonitors) {
  static Links of(StateSettings settings) {
    return new Links(
        trimSlash(settings.baseUrl().toString()),
        settings.relatedMonitors().stream()
            .map(url -> trimSlash(url.toString()) + "/share/public")
            .collect(Collectors.toUnmodifiableList()));
  }

  String feed() {
    return base + "/public/feed";
  }

  String publicShare() {
    return base + "/share/public/";
  }

  String privateShare() {
    return base + "/share/private/";
  }

  /** The dashboard showing one promise (its row alone, history chart open). */
  String dashboardPromise(String title) {
    return base + "/#promise=" + URLEncoder.encode(title, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The feed item GUID of one status: its file's URL plus the change-time. */
  String guid(String fileName, String changeTime) {
    String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
    return base + "/public/" + encoded + "#" + changeTime;
  }

  private static String trimSlash(String url) {
    String trimmed = url;
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }

}
