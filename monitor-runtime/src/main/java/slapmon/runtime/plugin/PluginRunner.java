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
import java.util.HashMap;
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
    List<String> names = listed();
    names.sort(null);
    return names;
  }

  /**
   * The plugins in the order the folder lists them, the order slapgrid's launcher runs them in
   * (it does not sort): the one that bangs in its pass is the first to fail in that order.
   */
  private List<String> listed() throws IOException {
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
    return names;
  }

  /**
   * One pass over every plugin (or those of {@code only}, by title), as slapgrid's launcher makes
   * one: {@code force} runs them whatever their periodicity says. Run and returned in file-name
   * order; the pass's bang, if any, is sent once every run ended.
   */
  public List<PluginRun> runPass(Optional<String> only, boolean force)
      throws IOException, InterruptedException {
    List<String> listed = listed();
    only.ifPresent(title -> listed.removeIf(name -> !title(name).equals(title)));
    List<String> names = new ArrayList<>(listed);
    names.sort(null);
    Map<String, Answered> answers = new HashMap<>();
    Deque<Pending> inFlight = new ArrayDeque<>();
    for (String name : names) {
      if (inFlight.size() >= settings.parallelism()) {
        Pending done = inFlight.removeFirst();
        answers.put(done.name(), await(done));
      }
      inFlight.addLast(new Pending(name, worker.submit(request(name, force))));
    }
    while (!inFlight.isEmpty()) {
      Pending done = inFlight.removeFirst();
      answers.put(done.name(), await(done));
    }
    bangOnce(listed, answers);
    List<PluginRun> runs = new ArrayList<>();
    names.forEach(name -> runs.add(answers.get(name).run()));
    return runs;
  }

  private record Pending(String name, PluginWorker.Request request) {}

  /**
   * As slapgrid's launcher, which runs the plugins one by one in the folder's order: a plugin
   * bangs only when no plugin before it in that order failed an anomaly check. Runs here overlap
   * and go in another order, so each run only notes the bang it would send; this sends the first
   * noted bang with no such failure before it, and no other.
   */
  private void bangOnce(List<String> launcherOrder, Map<String, Answered> answers)
      throws InterruptedException {
    for (String name : launcherOrder) {
      Answered answered = answers.get(name);
      if (answered.noted().isPresent()) {
        bang(name, answered.noted().get());
      }
      if (answered.noted().isPresent() || stopsBangs(answered)) {
        return;
      }
    }
  }

  /** A run, the type of the result it wrote ("" for none), the bang it noted. */
  private record Answered(PluginRun run, String type, Optional<JsonNode> noted) {}

  /** Has the worker send the bang a run noted, and waits for it as slapgrid waits for its own. */
  private void bang(String name, JsonNode noted) throws InterruptedException {
    ObjectNode request = aboutPlugin(name);
    request.put("kind", "bang");
    request.set("noted", noted);
    String outcome;
    try {
      outcome = answer(new Pending(name, worker.submit(request))).path("outcome").asText();
    } catch (NoAnswer e) {
      outcome = e.getMessage();
    }
    // Whether the master took it is in the plugin's log, as slapgrid logs it.
    LOG.log(outcome.equals("banged") ? Level.INFO : Level.WARNING,
        "event=plugin-bang title=" + title(name) + " outcome=" + outcome);
  }

  /**
   * Whether this run ends the pass's bangs, as the launcher's: an anomaly result it wrote, failed.
   * A plugin that answers an anomaly check with a test result (check_free_disk_space does, so as
   * never to bang) leaves the next plugins free to bang.
   */
  private boolean stopsBangs(Answered answered) {
    PluginRun run = answered.run();
    return settings.checkAnomaly()
        && answered.type().equals("Anomaly Result")
        && run.failed().orElse(false)
        && (run.outcome() == PluginRun.Outcome.RAN
            || run.outcome() == PluginRun.Outcome.TIMEOUT
            || run.outcome() == PluginRun.Outcome.NO_OUTPUT);
  }

  /** What every request about plugin {@code name} carries: where it is, its timeout, its log. */
  private ObjectNode aboutPlugin(String name) {
    ObjectNode request = Json.mapper().createObjectNode();
    request.put("partition", settings.partition().toString());
    request.put("folder", settings.pluginFolder().toString());
    request.put("name", name);
    request.put("timeout", settings.timeout().toSeconds());
    request.put("log_folder", settings.logFolder().toString());
    return request;
  }

  private ObjectNode request(String name, boolean force) {
    ObjectNode request = aboutPlugin(name);
    request.put("anomaly", settings.checkAnomaly());
    request.put("force", force);
    // GenericPromise.run's can_bang: the worker's run only notes the bang (see bangOnce).
    request.put("bang", settings.checkAnomaly());
    ObjectNode config = request.putObject("config");
    for (Map.Entry<String, Optional<String>> entry : settings.identity().entrySet()) {
      config.put(entry.getKey(), entry.getValue().orElse(null));
    }
    return request;
  }

  private Answered await(Pending pending) throws InterruptedException {
    String title = title(pending.name());
    try {
      JsonNode answer = answer(pending);
      return new Answered(toRun(title, answer), answer.path("type").asText(""),
          Optional.ofNullable(answer.get("bang")).filter(JsonNode::isObject));
    } catch (NoAnswer e) {
      return new Answered(notRun(title, e.getMessage()), "", Optional.empty());
    }
  }

  /** The worker's final answer about {@code pending}; a worker that hangs is restarted. */
  private JsonNode answer(Pending pending) throws InterruptedException, NoAnswer {
    try {
      try {
        pending.request().started().get(startLimit.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        throw unanswered(pending, "did not start it within " + startLimit.toSeconds() + " s");
      }
      long limit = settings.timeout().plus(ANSWER_GRACE).toMillis();
      try {
        return pending.request().answer().get(limit, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        throw unanswered(pending, "did not answer within " + limit + " ms of starting it");
      }
    } catch (ExecutionException e) {
      throw new NoAnswer("the plugin worker failed: " + e.getCause().getMessage());
    }
  }

  /** Why the worker gave no answer about a request. */
  private static final class NoAnswer extends Exception {
    private static final long serialVersionUID = 1L;

    NoAnswer(String why) {
      super(why, null, false, false);
    }
  }

  private NoAnswer unanswered(Pending pending, String what) {
    worker.restart(pending.name() + ": the worker " + what);
    return new NoAnswer("the plugin worker " + what + "; restarted");
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
