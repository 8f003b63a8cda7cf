package slapmon.runtime.http.cors;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which browser origins may read this monitor with credentials: {@code http(s)://} a configured
 * domain or any subdomain of one, with no port (SPEC A.10.4) — matched on the parsed host, so a
 * look-alike such as {@code monitor.app.officejs.com.attacker.net} never passes.
 */
public record CorsPolicy(List<String> domains) {
  public static final String ALLOWED_METHODS =
      "PROPFIND, PROPPATCH, COPY, MOVE, DELETE, MKCOL, LOCK, UNLOCK, PUT, GETLIB, VERSION-CONTROL,"
          + " CHECKIN, CHECKOUT, UNCHECKOUT, REPORT, UPDATE, CANCELUPLOAD, HEAD, OPTIONS, GET, POST";
  public static final String ALLOWED_HEADERS =
      "Overwrite, Destination, Content-Type, Depth, User-Agent, X-File-Size, X-Requested-With,"
          + " If-Modified-Since, X-File-Name, Cache-Control, Authorization";

  public CorsPolicy {
    domains = domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
  }

  /**
   * The policy of the domains {@code domains} gives now, made again only when it gives another
   * list instance (the owner of live values keeps the instance until the domains change).
   */
  public static Supplier<CorsPolicy> following(Supplier<List<String>> domains) {
    return new Supplier<>() {
      private List<String> seen;
      private CorsPolicy policy;

      @Override
      public synchronized CorsPolicy get() {
        List<String> now = domains.get();
        if (now != seen) {
          seen = now;
          policy = new CorsPolicy(now);
        }
        return policy;
      }
    };
  }

  /** The origin to echo back, when the request's {@code Origin} is allowed. */
  public Optional<String> allow(String origin) {
    if (origin == null || domains.isEmpty()) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(origin);
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    boolean plain =
        uri.getPort() == -1
            && uri.getUserInfo() == null
            && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
            && uri.getRawQuery() == null;
    if (!(scheme.equals("http") || scheme.equals("https")) || host == null || !plain) {
      return Optional.empty();
    }
    String lower = host.toLowerCase(Locale.ROOT);
    for (String domain : domains) {
      if (lower.equals(domain) || lower.endsWith("." + domain)) {
        return Optional.of(origin);
      }
    }
    return Optional.empty();
  }
}
