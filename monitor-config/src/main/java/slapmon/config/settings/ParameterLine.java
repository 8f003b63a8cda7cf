package slapmon.config.settings;

import java.nio.file.Path;
import java.util.Objects;
import slapmon.config.ini.PythonText;

/**
 * One line of {@code parameter-list} (monitor.conf) or {@code instance-configuration}: a value
 * shown to the operator, and for every type but {@code raw} a key under which the web editor can
 * change it (SPEC §A.5.7). Tokens never contain white space; {@link #line()} writes the line back.
 */
public sealed interface ParameterLine {

  /** The title shown for the value: the key, or the title of a {@code raw} line. */
  String title();

  /** The line in its canonical form, tokens separated by one space. */
  String line();

  /** {@code raw TITLE VALUE...}: a fixed value, not editable. */
  record Raw(String title, String value) implements ParameterLine {
    public Raw {
      requireToken(title, "title");
      Objects.requireNonNull(value, "value");
      if (value.isEmpty() || value.indexOf('\n') >= 0) {
        throw new IllegalArgumentException(
            "a raw value is one non-empty line, got '" + value + "'");
      }
    }

    @Override
    public String line() {
      return "raw " + title + " " + value;
    }
  }

  /** {@code file KEY PATH}: the value is the content of the file at PATH. */
  record FileParameter(String key, Path path) implements ParameterLine {
    public FileParameter {
      requireToken(key, "key");
      requireAbsolute(path, "path");
    }

    @Override
    public String title() {
      return key;
    }

    @Override
    public String line() {
      return "file " + key + " " + path;
    }
  }

  /** {@code htpasswd KEY PASSWORD_FILE USER HTPASSWD_FILE}: the password of USER. */
  record HtpasswdParameter(String key, Path passwordFile, String user, Path htpasswdFile)
      implements ParameterLine {
    public HtpasswdParameter {
      requireToken(key, "key");
      requireAbsolute(passwordFile, "passwordFile");
      requireToken(user, "user");
      if (user.indexOf(':') >= 0) {
        throw new IllegalArgumentException("a user name has no ':', got '" + user + "'");
      }
      requireAbsolute(htpasswdFile, "htpasswdFile");
    }

    @Override
    public String title() {
      return key;
    }

    @Override
    public String line() {
      return "htpasswd " + key + " " + passwordFile + " " + user + " " + htpasswdFile;
    }
  }

  /** {@code httpdcors KEY CORS_FILE GRACEFUL_COMMAND}: the CORS domains of the HTTPS server. */
  record HttpdCorsParameter(String key, Path corsFile, Path gracefulCommand)
      implements ParameterLine {
    public HttpdCorsParameter {
      requireToken(key, "key");
      requireAbsolute(corsFile, "corsFile");
      requireAbsolute(gracefulCommand, "gracefulCommand");
    }

    @Override
    public String title() {
      return key;
    }

    @Override
    public String line() {
      return "httpdcors " + key + " " + corsFile + " " + gracefulCommand;
    }
  }

  private static void requireToken(String token, String what) {
    Objects.requireNonNull(token, what);
    if (token.isEmpty() || token.chars().anyMatch(PythonText::isSpace)) {
      throw new IllegalArgumentException(what + " must be one word, got '" + token + "'");
    }
  }

  private static void requireAbsolute(Path path, String what) {
    Objects.requireNonNull(path, what);
    if (!path.isAbsolute() || path.toString().chars().anyMatch(PythonText::isSpace)) {
      throw new IllegalArgumentException(
          what + " must be an absolute path without white space, got '" + path + "'");
    }
  }
}
