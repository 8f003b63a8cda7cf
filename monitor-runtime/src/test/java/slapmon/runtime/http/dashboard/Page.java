package slapmon.runtime.http.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** One Chromium tab: navigate, run JavaScript, click and type like a user, take screenshots. */
final class Page {
  private final Chromium chromium;
  private final String target;
  private final String session;
  /** Every tab shares the browser's credentials: challenges are counted for the whole browser. */
  private static final AtomicInteger CHALLENGES = new AtomicInteger();

  Page(Chromium chromium, String target, String session) {
    this.chromium = chromium;
    this.target = target;
    this.session = session;
  }

  /** Reports console errors and uncaught exceptions as events (Log.entryAdded, Runtime.exceptionThrown). */
  void reportProblems() throws IOException {
    send("Log.enable", Map.of());
    send("Runtime.enable", Map.of());
  }

  void close() throws IOException {
    chromium.send(null, "Target.closeTarget", Map.of("targetId", target));
  }

  private JsonNode send(String method, Map<String, ?> params) throws IOException {
    return chromium.send(session, method, params);
  }

  /**
   * Answers every HTTP authentication challenge of this tab with these credentials, as a user
   * typing them into the browser's prompt would; the password goes over the DevTools socket only.
   */
  void answerLogins(String user, String password) throws IOException {
    chromium.listen(event -> {
      if (!session.equals(event.path("sessionId").asText())) {
        return;
      }
      String requestId = event.path("params").path("requestId").asText();
      switch (event.path("method").asText()) {
        case "Fetch.requestPaused" -> chromium.post(session, "Fetch.continueRequest",
            Map.of("requestId", requestId));
        case "Fetch.authRequired" -> {
          CHALLENGES.incrementAndGet();
          chromium.post(session, "Fetch.continueWithAuth", Map.of("requestId", requestId,
              "authChallengeResponse",
              Map.of("response", "ProvideCredentials", "username", user, "password", password)));
        }
        default -> { }
      }
    });
    send("Fetch.enable", Map.of("handleAuthRequests", true,
        "patterns", List.of(Map.of("urlPattern", "*"))));
  }

  /** How many authentication challenges the tabs answered so far. */
  static int challenges() {
    return CHALLENGES.get();
  }

  void navigate(String url) throws IOException {
    JsonNode result = send("Page.navigate", Map.of("url", url));
    if (result.hasNonNull("errorText")) {
      throw new IOException("navigating to " + url + ": " + result.get("errorText").asText());
    }
  }

  /** The value of a JavaScript expression (awaited when it is a promise). */
  JsonNode evaluate(String expression) throws IOException {
    JsonNode result = send("Runtime.evaluate",
        Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (result.has("exceptionDetails")) {
      throw new IOException("JavaScript failed: " + expression + ": " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  String text(String expression) throws IOException {
    return evaluate(expression).asText();
  }

  /** Waits until the expression is true, or fails after the deadline saying what it waited for. */
  void waitUntil(String expression, Duration patience) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (evaluate(expression).asBoolean(false)) {
          return;
        }
      } catch (IOException e) {
        // The page is between two documents; ask again.
      }
      Thread.sleep(200);
    }
    throw new AssertionError("waited " + patience.toSeconds() + " s for: " + expression);
  }

  /** A real mouse click at the centre of the first element matching the CSS selector. */
  void click(String selector) throws IOException {
    JsonNode box = evaluate("(() => { const e = document.querySelector(" + quote(selector) + ");"
        + " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
        + " return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
    for (String type : List.of("mousePressed", "mouseReleased")) {
      send("Input.dispatchMouseEvent", Map.of("type", type, "x", box.get("x").asDouble(),
          "y", box.get("y").asDouble(), "button", "left", "clickCount", 1));
    }
  }

  /** Focuses the field, selects what it holds and types text over it, as keyboard input. */
  void type(String selector, String text) throws IOException {
    evaluate("(() => { const e = document.querySelector(" + quote(selector) + ");"
        + " e.focus(); e.select(); })()");
    if (text.isEmpty()) {
      for (String type : List.of("keyDown", "keyUp")) {
        send("Input.dispatchKeyEvent", Map.of("type", type, "key", "Backspace", "code", "Backspace",
            "windowsVirtualKeyCode", 8));
      }
    } else {
      send("Input.insertText", Map.of("text", text));
    }
  }

  /** The viewport of a phone (375×667 CSS pixels, touch, mobile) or back to the desktop. */
  void viewport(int width, int height, boolean mobile) throws IOException {
    send("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
        "deviceScaleFactor", mobile ? 2 : 1, "mobile", mobile));
  }

  void screenshot(Path file, boolean fullPage) throws IOException {
    JsonNode shot = send("Page.captureScreenshot", Map.of("format", "png",
        "captureBeyondViewport", fullPage));
    Files.createDirectories(file.getParent());
    Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
  }

  static String quote(String text) {
    return slapmon.runtime.json.Json.text(text);
  }
}
