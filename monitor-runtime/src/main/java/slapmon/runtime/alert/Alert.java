package slapmon.runtime.alert;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One alert as Alertmanager's v2 API takes it: its labels say which alert it is, its annotations
 * what it says now.
 *
 * @param resolvedAt when the promise was seen OK again; empty while it fires
 */
record Alert(
    Map<String, String> labels,
    Map<String, String> annotations,
    Instant startsAt,
    Optional<Instant> resolvedAt,
    String generatorUrl) {
  Alert {
    labels = Map.copyOf(new TreeMap<>(labels));
    annotations = Map.copyOf(new TreeMap<>(annotations));
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(resolvedAt, "resolvedAt");
    Objects.requireNonNull(generatorUrl, "generatorUrl");
  }

  boolean firing() {
    return resolvedAt.isEmpty();
  }

  Alert resolved(Instant at) {
    return new Alert(labels, annotations, startsAt, Optional.of(at), generatorUrl);
  }
}
