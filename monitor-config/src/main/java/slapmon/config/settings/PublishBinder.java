package slapmon.config.settings;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds {@code [monitor-publish-parameters]} and {@code [monitor-publish]}. Each section is
 * optional (a software release that extends the monitor template always has both, a standalone
 * profile may have neither: the renderer then derives them); a section that is there must have all
 * its options. {@code [monitor-publish]} keeps options other than its two own as extra values.
 */
final class PublishBinder {
  static final String PARAMETERS = "monitor-publish-parameters";
  static final String PUBLISH = "monitor-publish";
  private static final List<String> OWN = List.of("monitor-base-url", "monitor-setup-url");

  private PublishBinder() {}

  static Optional<PublishParameters> parameters(SectionReader in) {
    if (!in.present()) {
      return Optional.empty();
    }
    Optional<URI> base = in.required("monitor-base-url", Parsers.BASE, Parsers.BASE_URL);
    Optional<URI> opml =
        in.required(
            "monitor-url",
            Parsers.HTTP_URL,
            Parsers.URL + ", the OPML at monitor-base-url/public/feeds");
    Optional<String> user = in.required("monitor-user", Parsers.USER_NAME, Parsers.USER);
    Optional<Password> password =
        in.required("monitor-password", Parsers.PASSWORD, "the monitor password");
    in.warnUnknown();
    if (in.failed() || !SectionReader.allPresent(base, opml, user, password)) {
      return Optional.empty();
    }
    return Optional.of(new PublishParameters(base.get(), opml.get(), user.get(), password.get()));
  }

  static Optional<Publish> publish(SectionReader in) {
    if (!in.present()) {
      return Optional.empty();
    }
    Optional<URI> base = in.required("monitor-base-url", Parsers.BASE, Parsers.BASE_URL);
    Optional<String> setup =
        in.required(
            "monitor-setup-url",
            Parsers.SINGLE_LINE,
            "the URL that opens this monitor in the monitoring web app, on a single line");
    Map<String, String> extra = new LinkedHashMap<>();
    in.all()
        .forEach(
            (key, value) -> {
              if (!OWN.contains(key)) {
                extra.put(key, value.text());
              }
            });
    if (in.failed() || !SectionReader.allPresent(base, setup)) {
      return Optional.empty();
    }
    return Optional.of(new Publish(base.get(), setup.get(), extra));
  }
}
