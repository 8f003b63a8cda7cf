package slapmon.runtime.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import slapmon.runtime.json.Json;

/**
 * Runs the plugin promises of a partition ({@code etc/plugin/*.py}) where slapgrid does not, with
 * the semantics of slapgrid's launcher, through one {@link PluginWorker}: each plugin's result goes
 * to {@code .slapgrid/promise/result/TITLE.status.json} exactly as slapgrid would write it, so that
 * the monitor reads slapmon's runs and slapgrid's the same way, as one promise per title. A worker
 * that does not answer within the plugin's timeout and a grace is killed and started again; the
 * pass goes on with the next plugin.
 */
public final class PluginRunner implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("slapmon.plugin");
  /**
   * How long past a plugin's timeout the worker may take to answer: it kills the run's group at
   * the timeout, gives it a second, and writes one small file.
   */
  static final Duration ANSWER_GRACE = Duration.ofSeconds(10);
  /**
   * How long the worker may take to start a run: starting the interpreter and importing slapos.core
   * take a second on a quiet machine, many on a loaded one; a worker stuck longer is restarted.
   */
  static final Duration START_LIMIT = Duration.ofSeconds(120);

  private final PluginSettings settings;
  private final PluginWorker worker;
  private final Duration startLimit;

  public PluginRunner(PluginSettings settings) {
    this(settings, START_LIMIT);
  }

  PluginRunner(PluginSettings settings, Duration startLimit) {
    this(settings, startLimit, PluginWorker.DEFAULT_RUNS_PER_PROCESS);
  }

  /** {@code runsPerProcess}: see {@link PluginWorker#PluginWorker(PluginSettings, int)}. */
  PluginRunner(PluginSettings settings, Duration startLimit, int runsPerProcess) {
    this.settings = settings;
    this.worker = new PluginWorker(settings, runsPerProcess);
    this.startLimit = startLimit;
  }

  public PluginSettings settings() {
    return settings;
  }

  /** The plugins slapgrid would run, by file name, sorted: {@code *.py} but {@code __init__*}. */
  public List<String> plugins() throws IOException {
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(settings.pluginFolder())) {
      return names;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(settings.pluginFolder(), "*.py")) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (!name.startsWith("__init__") && !Files.isDirectory(file)) {
          names.add(name);
        }
      }
    }
    names.sort(null);
    return names;
  }

  /**
   * One pass over every plugin (or those of {@code only}, by title), as slapgrid's launcher makes
   * one: {@code force} runs them whatever their periodicity says. Results in file-name order.
   */
  public List<PluginRun> runPass(Optional<String> only, boolean force)
      throws IOException, InterruptedException {
    List<String> names = new ArrayList<>(plugins());
    only.ifPresent(title -> names.removeIf(name -> !title(name).equals(title)));
    List<PluginRun> runs = new ArrayList<>();
    Deque<Pending> inFlight = new ArrayDeque<>();
    // As slapgrid: once an anomaly made one plugin bang, no other plugin of the pass bangs.
    boolean banged = false;
    for (String name : names) {
      if (inFlight.size() >= settings.parallelism()) {
        PluginRun run = await(inFlight.removeFirst());
        banged |= bangs(run);
        runs.add(run);
      }
      inFlight.addLast(new Pending(name, worker.submit(request(name, force, !banged))));
    }
    while (!inFlight.isEmpty()) {
      runs.add(await(inFlight.removeFirst()));
    }
    return runs;
  }

  private record Pending(String name, PluginWorker.Request request) {}

  private boolean bangs(PluginRun run) {
    return settings.checkAnomaly()
        && run.failed().orElse(false)
        && (run.outcome() == PluginRun.Outcome.RAN
            || run.outcome() == PluginRun.Outcome.TIMEOUT
            || run.outcome() == PluginRun.Outcome.NO_OUTPUT);
  }

  private ObjectNode request(String name, boolean force, boolean mayBang) {
    ObjectNode request = Json.mapper().createObjectNode();
    request.put("partition", settings.partition().toString());
    request.put("folder", settings.pluginFolder().toString());
    request.put("name", name);
    request.put("anomaly", settings.checkAnomaly());
    request.put("force", force);
    request.put("timeout", settings.timeout().toSeconds());
    request.put("bang", settings.checkAnomaly() && mayBang);
    request.put("log_folder", settings.logFolder().toString());
    ObjectNode config = request.putObject("config");
    for (Map.Entry<String, Optional<String>> entry : settings.identity().entrySet()) {
      config.put(entry.getKey(), entry.getValue().orElse(null));
    }
    return request;
  }

  private PluginRun await(Pending pending) throws InterruptedException {
    String title = title(pending.name());
    try {
      try {
        pending.request().started().get(startLimit.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        return unanswered(pending, "did not start it within " + startLimit.toSeconds() + " s");
      }
      long limit = settings.timeout().plus(ANSWER_GRACE).toMillis();
      try {
        return toRun(title, pending.request().answer().get(limit, TimeUnit.MILLISECONDS));
      } catch (TimeoutException e) {
        return unanswered(pending, "did not answer within " + limit + " ms of starting it");
      }
    } catch (ExecutionException e) {
      return notRun(title, "the plugin worker failed: " + e.getCause().getMessage());
    }
  }

  private PluginRun unanswered(Pending pending, String what) {
    worker.restart(pending.name() + ": the worker " + what);
    return notRun(title(pending.name()), "the plugin worker " + what + "; restarted");
  }

  private static PluginRun notRun(String title, String why) {
    LOG.log(Level.WARNING, "event=plugin-not-run title=" + title + " reason=" + why);
    return new PluginRun(title, PluginRun.Outcome.NOT_RUN, Optional.empty(), why);
  }

  private static PluginRun toRun(String title, JsonNode answer) {
    String outcome = answer.path("outcome").asText();
    if (outcome.equals("not-due")) {
      JsonNode previous = answer.path("previous");
      return previous.isObject()
          ? new PluginRun(title, PluginRun.Outcome.NOT_DUE,
              Optional.of(previous.path("failed").asBoolean()), previous.path("message").asText(""))
          : new PluginRun(title, PluginRun.Outcome.NOT_DUE, Optional.empty(), "");
    }
    if (outcome.equals("error")) {
      return notRun(title, answer.path("message").asText());
    }
    PluginRun.Outcome known;
    try {
      known = PluginRun.Outcome.valueOf(outcome.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      return notRun(title, "unexpected answer from the plugin worker: " + answer);
    }
    if (answer.hasNonNull("write_error")) {
      return notRun(title, "cannot write its result: " + answer.get("write_error").asText());
    }
    Optional<Boolean> failed =
        answer.has("failed") ? Optional.of(answer.get("failed").asBoolean()) : Optional.empty();
    return new PluginRun(title, known, failed, answer.path("message").asText(""));
  }

  static String title(String name) {
    return name.endsWith(".py") ? name.substring(0, name.length() - 3) : name;
  }

  @Override
  public void close() {
    worker.close();
  }
}
