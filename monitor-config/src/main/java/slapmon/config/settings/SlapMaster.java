package slapmon.config.settings;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The SlapOS master that promise results are reported to, from {@code [promises]}: {@code
 * master-url}, {@code partition-cert} and {@code partition-key}, each optional.
 */
public record SlapMaster(Optional<URI> url, Optional<Path> certFile, Optional<Path> keyFile) {
  public SlapMaster {
    url.ifPresent(uri -> Checks.httpUrl(uri, "url"));
    certFile.ifPresent(path -> Checks.absolute(path, "certFile"));
    keyFile.ifPresent(path -> Checks.absolute(path, "keyFile"));
  }
}
