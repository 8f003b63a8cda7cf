package slapmon.runtime.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import slapmon.runtime.json.Json;

/**
 * The receiver Alertmanager notifies: a small HTTP server on loopback that keeps every
 * notification, each alert of it as "PROMISE status" (firing or resolved).
 */
final class Webhook implements AutoCloseable {
  private final HttpServer server;
  private final List<List<String>> notifications = new ArrayList<>();

  Webhook() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          JsonNode body;
          try (InputStream in = exchange.getRequestBody()) {
            body = Json.mapper().readTree(in.readNBytes(1 << 20));
          }
          List<String> alerts = new ArrayList<>();
          body.path("alerts")
              .forEach(
                  alert ->
                      alerts.add(
                          alert.path("labels").path("promise").asText()
                              + " " + alert.path("status").asText()));
          synchronized (notifications) {
            notifications.add(alerts);
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  /** Every notification so far, in order. */
  List<List<String>> notifications() {
    synchronized (notifications) {
      return List.copyOf(notifications);
    }
  }

  /** Every alert of every notification so far, in order. */
  List<String> seen() {
    return notifications().stream().flatMap(List::stream).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
