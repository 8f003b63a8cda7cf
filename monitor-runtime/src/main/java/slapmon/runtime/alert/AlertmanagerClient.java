package slapmon.runtime.alert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import slapmon.config.settings.AlertmanagerSection;
import slapmon.runtime.json.Json;
import slapmon.runtime.opml.TrustedCertificates;

/**
 * Posts alerts to Alertmanager's v2 API ({@code POST BASE/api/v2/alerts}), with Basic auth when
 * configured (the password read from its file at each post, so a new one is taken at once, and
 * never logged) and the CA file's certificates trusted besides the JDK's. Every post has a
 * connection and a request timeout; redirects are not followed.
 */
final class AlertmanagerClient {
  static final String PATH = "/api/v2/alerts";
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final AlertmanagerSection settings;
  private final Executor executor;
  private HttpClient client;

  AlertmanagerClient(AlertmanagerSection settings, Executor executor) {
    this.settings = settings;
    this.executor = executor;
  }

  /**
   * Starts posting {@code alerts} to {@code base}; completes with the HTTP status, or exceptionally
   * when there was no answer (or the password file or the CA file could not be read).
   */
  CompletableFuture<Integer> post(URI base, List<Alert> alerts, Duration lifetime, Instant now) {
    HttpRequest request;
    try {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(URI.create(base + PATH))
              .timeout(REQUEST_TIMEOUT)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body(alerts, lifetime, now)));
      Optional<String> authorization = authorization();
      authorization.ifPresent(value -> builder.header("Authorization", value));
      request = builder.build();
      return client()
          .sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .thenApply(HttpResponse::statusCode);
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * The v2 API's list of postable alerts: a firing one ends {@code lifetime} from {@code now}
   * unless sent again, a resolved one ended when it resolved.
   */
  static byte[] body(List<Alert> alerts, Duration lifetime, Instant now) {
    ArrayNode list = Json.mapper().createArrayNode();
    for (Alert alert : alerts) {
      ObjectNode item = list.addObject();
      ObjectNode labels = item.putObject("labels");
      alert.labels().entrySet().stream()
          .sorted(java.util.Map.Entry.comparingByKey())
          .forEach(label -> labels.put(label.getKey(), label.getValue()));
      ObjectNode annotations = item.putObject("annotations");
      alert.annotations().entrySet().stream()
          .sorted(java.util.Map.Entry.comparingByKey())
          .forEach(note -> annotations.put(note.getKey(), note.getValue()));
      item.put("startsAt", alert.startsAt().toString());
      item.put("endsAt", alert.resolvedAt().orElse(now.plus(lifetime)).toString());
      item.put("generatorURL", alert.generatorUrl());
    }
    return Json.bytes(list);
  }

  private Optional<String> authorization() throws IOException {
    if (settings.user().isEmpty()) {
      return Optional.empty();
    }
    Path file = settings.passwordFile().orElseThrow();
    String password;
    try {
      password = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
    } catch (IOException e) {
      throw new IOException(file + ": cannot read the Alertmanager password: " + e.getMessage());
    }
    if (password.isEmpty()) {
      throw new IOException(file + ": holds no Alertmanager password");
    }
    String pair = settings.user().get() + ":" + password;
    return Optional.of(
        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  private synchronized HttpClient client() throws IOException {
    if (client == null) {
      client =
          HttpClient.newBuilder()
              .connectTimeout(CONNECT_TIMEOUT)
              .followRedirects(HttpClient.Redirect.NEVER)
              .version(HttpClient.Version.HTTP_1_1)
              .sslContext(TrustedCertificates.sslContext(settings.caFile()))
              .executor(executor)
              .build();
    }
    return client;
  }
}
