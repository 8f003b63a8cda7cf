package slapmon.config;

import java.util.Objects;

/** An option's text together with the place that wrote it. */
public record Value(String text, Location location) {
  public Value {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(location, "location");
  }
}
