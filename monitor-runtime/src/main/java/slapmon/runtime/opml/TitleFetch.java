package slapmon.runtime.opml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import slapmon.runtime.json.Json;

/**
 * One GET of a sub-monitor's {@code {u}/public/monitor.global.json} (SPEC §A.8.3, B.3) and the
 * {@code title} read from it; the returned future always completes, within about the timeout, and
 * never exceptionally.
 */
final class TitleFetch {
  static final String PATH = "/public/monitor.global.json";

  /** The public summary is well under 1 KiB; anything near this is not one. */
  static final int MAX_BODY = 256 * 1024;

  /**
   * What one fetch found: a title and the sub-monitor's own status, or the problem.
   *
   * @param title the title, when the fetch succeeded
   * @param status the sub-monitor's {@code status} (OK, WARNING, ERROR), when it sent one
   * @param problem the reason, when it failed
   */
  record Result(Optional<String> title, Optional<String> status, Optional<String> problem) {
    static Result ok(String title, Optional<String> status) {
      return new Result(Optional.of(title), status, Optional.empty());
    }

    static Result failed(String problem) {
      return new Result(Optional.empty(), Optional.empty(), Optional.of(problem));
    }
  }

  private final HttpClient client;
  private final Duration timeout;

  TitleFetch(SSLContext tls, Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .sslContext(tls)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL) // never from https down to http
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  static URI documentUrl(URI base) {
    return URI.create(base + PATH);
  }

  CompletableFuture<Result> fetch(URI base) {
    HttpRequest request =
        HttpRequest.newBuilder(documentUrl(base))
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("User-Agent", "slapmon")
            .GET()
            .build();
    CompletableFuture<HttpResponse<byte[]>> sent;
    try {
      sent = client.sendAsync(request, BoundedBody.handler(MAX_BODY));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(Result.failed(FailureReasons.describe(e, timeout)));
    }
    // The request timeout stops at the response headers: this one bounds the body too.
    return sent.thenApply(TitleFetch::read)
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((result, error) -> sent.cancel(true))
        .handle(
            (result, error) ->
                error == null ? result : Result.failed(FailureReasons.describe(error, timeout)));
  }

  static Result read(HttpResponse<byte[]> response) {
    if (response.statusCode() != 200) {
      return Result.failed("HTTP " + response.statusCode());
    }
    return title(response.body());
  }

  static Result title(byte[] body) {
    JsonNode document;
    try {
      document = Json.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      return Result.failed("invalid monitor.global.json: not JSON" + where(e.getLocation()));
    } catch (IOException e) {
      return Result.failed("invalid monitor.global.json: " + FailureReasons.oneLine(e.toString()));
    }
    JsonNode title = document == null ? null : document.get("title");
    if (title == null || !title.isTextual() || title.asText().isBlank()) {
      return Result.failed("invalid monitor.global.json: no \"title\" text");
    }
    JsonNode status = document.get("status");
    return Result.ok(
        title.asText(),
        status != null && status.isTextual() && !status.asText().isBlank()
            ? Optional.of(status.asText())
            : Optional.empty());
  }

  private static String where(JsonLocation location) {
    return location == null
        ? ""
        : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
