package slapmon.config.ini;

import java.util.Objects;
import slapmon.config.Location;
import slapmon.config.Value;

/**
 * One option as a file wrote it, before any merging or substitution.
 *
 * <p>{@code key} is the name as written ({@code parts +} for {@code parts += x}), which is what
 * zc.buildout keeps when the operator never meets a base value; {@code name} is the option it
 * applies to ({@code parts}) and {@code operator} what it does there.
 */
public record RawOption(String key, String name, Operator operator, String text, Location location) {

  /** What an option line does to the value below it: {@code =}, {@code +=} or {@code -=}. */
  public enum Operator {
    SET,
    ADD,
    REMOVE
  }

  public RawOption {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(location, "location");
  }

  public static RawOption set(String name, String text, Location location) {
    return new RawOption(name, name, Operator.SET, text, location);
  }

  public RawOption withText(String newText, Location newLocation) {
    return new RawOption(name, name, Operator.SET, newText, newLocation);
  }

  public Value value() {
    return new Value(text, location);
  }
}
