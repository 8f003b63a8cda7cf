package slapmon.runtime.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import slapmon.runtime.json.Json;

/**
 * One long-lived Python process, {@code plugin_worker.py} in the partition's Python, that runs
 * plugin promises for us: one JSON request per line on its stdin, one JSON answer per line on its
 * stdout, matched by id. Its runs are forks of it, so that a run pays no interpreter start and no
 * import of slapos.core; a fork runs several plugins one after another (see the script). A worker
 * that ended, or that {@link #restart} gave up on, is started again by the next {@link #submit};
 * its requests in flight fail. Thread-safe.
 */
final class PluginWorker implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("slapmon.plugin");
  static final String SCRIPT_RESOURCE = "/slapmon/runtime/plugin/plugin_worker.py";
  /** Longest stderr line logged: a plugin's traceback is worth a line, not a megabyte. */
  private static final int LOG_LINE_CAP = 2000;

  /** 0: the script's own bound on the plugin runs of one forked run process. */
  static final int DEFAULT_RUNS_PER_PROCESS = 0;

  private final PluginSettings settings;
  private final int runsPerProcess;
  private final AtomicLong ids = new AtomicLong();
  private Path script;
  private Generation current;
  private boolean closed;

  /** One started process, with the requests it owes an answer. */
  private record Generation(
      Process process, OutputStream requests, Map<Long, Request> pending, AtomicBoolean ended) {}

  /**
   * A request in flight: {@code started} completes when the worker forked its run (or answered
   * without one), {@code answer} with the final answer.
   */
  record Request(CompletableFuture<Void> started, CompletableFuture<JsonNode> answer) {
    Request() {
      this(new CompletableFuture<>(), new CompletableFuture<>());
    }

    void fail(Throwable failure) {
      started.completeExceptionally(failure);
      answer.completeExceptionally(failure);
    }
  }

  PluginWorker(PluginSettings settings) {
    this(settings, DEFAULT_RUNS_PER_PROCESS);
  }

  /** {@code runsPerProcess}: how many plugins a forked run process runs before a fresh fork. */
  PluginWorker(PluginSettings settings, int runsPerProcess) {
    this.settings = Objects.requireNonNull(settings, "settings");
    if (runsPerProcess < 0) {
      throw new IllegalArgumentException("runs per process must be >= 0: " + runsPerProcess);
    }
    this.runsPerProcess = runsPerProcess;
  }

  /** Sends {@code request} (an id is added); the worker's lines about it complete the futures. */
  synchronized Request submit(ObjectNode request) {
    Request answer = new Request();
    if (closed) {
      answer.fail(new IOException("the plugin worker is closed"));
      return answer;
    }
    long id = ids.incrementAndGet();
    request.put("id", id);
    try {
      Generation generation = started();
      generation.pending().put(id, answer);
      generation.requests().write((Json.text(request) + "\n").getBytes(StandardCharsets.UTF_8));
      generation.requests().flush();
    } catch (IOException e) {
      answer.fail(e);
      restart("cannot send it a request: " + e.getMessage());
    }
    return answer;
  }

  /** The worker's process id, when one runs. */
  synchronized java.util.OptionalLong pid() {
    return current != null && current.process().isAlive()
        ? java.util.OptionalLong.of(current.process().pid())
        : java.util.OptionalLong.empty();
  }

  /** Kills the worker and every run of it; its requests in flight fail; the next submit starts one. */
  synchronized void restart(String why) {
    if (current == null) {
      return;
    }
    LOG.log(Level.WARNING, "event=plugin-worker-restart reason=" + why);
    kill(current);
    current = null;
  }

  private Generation started() throws IOException {
    // Its answers ended before the JVM may have noticed its exit: either way it is gone.
    if (current != null && current.process().isAlive() && !current.ended().get()) {
      return current;
    }
    if (current != null) {
      kill(current);
    }
    ProcessBuilder builder =
        new ProcessBuilder(settings.python().toString(), "-u", script().toString());
    builder.environment().put(
        "SLAPMON_PLUGIN_PATH",
        settings.extraPath().stream().map(Path::toString).collect(Collectors.joining(":")));
    if (runsPerProcess > 0) {
      builder.environment()
          .put("SLAPMON_PLUGIN_RUNS_PER_PROCESS", Integer.toString(runsPerProcess));
    }
    builder.directory(settings.partition().toFile());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IOException(
          "cannot start the plugin worker with " + settings.python() + " ([promises] plugin-python): "
              + e.getMessage(), e);
    }
    Generation generation = new Generation(
            process, process.getOutputStream(), new ConcurrentHashMap<>(), new AtomicBoolean());
    daemon("slapmon-plugin-answers", () -> readAnswers(generation));
    daemon("slapmon-plugin-stderr", () -> logErrors(process.getErrorStream()));
    current = generation;
    LOG.log(Level.INFO, "event=plugin-worker-started pid=" + process.pid() + " python=" + settings.python());
    return generation;
  }

  private void readAnswers(Generation generation) {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(generation.process().getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        JsonNode answer;
        try {
          answer = Json.mapper().readTree(line);
        } catch (IOException e) {
          LOG.log(Level.WARNING, "event=plugin-worker-garbage line=" + cap(line));
          continue;
        }
        long id = answer.path("id").asLong(-1);
        if (answer.path("outcome").asText().equals("started")) {
          Request waiting = generation.pending().get(id);
          if (waiting != null) {
            waiting.started().complete(null);
          }
          continue;
        }
        Request waiting = generation.pending().remove(id);
        if (waiting != null) {
          waiting.started().complete(null);
          waiting.answer().complete(answer);
        }
      }
    } catch (IOException e) {
      // The stream closed under us: the worker was killed.
    }
    generation.ended().set(true);
    IOException ended = new IOException("the plugin worker ended");
    generation.pending().values().forEach(waiting -> waiting.fail(ended));
    generation.pending().clear();
  }

  private static void logErrors(InputStream errors) {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(errors, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        LOG.log(Level.INFO, "event=plugin-output line=" + cap(line));
      }
    } catch (IOException e) {
      // The worker is gone.
    }
  }

  private static String cap(String line) {
    return line.length() <= LOG_LINE_CAP ? line : line.substring(0, LOG_LINE_CAP) + "…";
  }

  private static void daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }

  private Path script() throws IOException {
    if (script != null && Files.isRegularFile(script)) {
      return script;
    }
    try (InputStream in = PluginWorker.class.getResourceAsStream(SCRIPT_RESOURCE)) {
      if (in == null) {
        throw new IOException("missing resource " + SCRIPT_RESOURCE);
      }
      Path file = Files.createTempFile(
          "slapmon-plugin-worker-", ".py",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(file, in.readAllBytes());
      file.toFile().deleteOnExit();
      script = file;
      return file;
    }
  }

  /** The worker and its runs (each in a process group of its own, all its descendants). */
  private static void kill(Generation generation) {
    Process process = generation.process();
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (current != null) {
      try {
        // End of input: the worker finishes what runs and exits.
        current.requests().close();
        if (!current.process().waitFor(settings.timeout().toSeconds() + 5, TimeUnit.SECONDS)) {
          kill(current);
        }
      } catch (IOException e) {
        kill(current);
      } catch (InterruptedException e) {
        kill(current);
        Thread.currentThread().interrupt();
      }
      current = null;
    }
    if (script != null) {
      try {
        Files.deleteIfExists(script);
      } catch (IOException e) {
        // deleteOnExit tries again.
      }
    }
  }
}
