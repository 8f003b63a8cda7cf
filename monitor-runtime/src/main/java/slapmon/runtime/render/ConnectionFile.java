package slapmon.runtime.render;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import slapmon.runtime.json.Json;
import slapmon.templates.ConnectionValues;
import slapmon.templates.RenderedFile;

/**
 * The published values as a JSON object keyed by their SlapOS names ({@code monitor-base-url},
 * {@code monitor-url}, {@code monitor-user}, {@code monitor-password}, {@code monitor-setup-url}),
 * mode 0600 because it holds the password.
 */
final class ConnectionFile {
  private ConnectionFile() {}

  static RenderedFile of(ConnectionValues values) {
    Map<String, String> json = new LinkedHashMap<>();
    json.put("monitor-base-url", values.monitorBaseUrl().toString());
    json.put("monitor-url", values.monitorUrl().toString());
    json.put("monitor-user", values.monitorUser());
    json.put("monitor-password", values.monitorPassword().text());
    json.put("monitor-setup-url", values.monitorSetupUrl());
    String text =
        new String(Json.bytes(json), StandardCharsets.UTF_8) + "\n";
    return new RenderedFile(
        values.file(),
        text,
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"),
        RenderedFile.Policy.REPLACE);
  }
}
