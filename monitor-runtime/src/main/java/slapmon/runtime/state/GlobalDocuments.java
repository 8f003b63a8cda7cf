package slapmon.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import slapmon.runtime.io.WriteFailures;
import slapmon.runtime.json.Json;

/**
 * Builds the private and public {@code monitor.global.json} documents in the shapes of SPEC
 * §A.8.2 and §A.8.3 and, beside them, of today's original (§B.4: the flat fields, {@code _links}
 * to {@code share/private/} and {@code share/public/}), plus the runner's health, with every date
 * in UTC.
 */
final class GlobalDocuments {
  static final String DEFAULT_TITLE = "Instance Monitoring";
  /** The promises by severity, beside the legacy {@code state} counts (OK/ERROR). */
  static final String SEVERITY_COUNTS = "nagios-state";

  private final StateSettings settings;
  private final Links links;

  GlobalDocuments(StateSettings settings, Links links) {
    this.settings = settings;
    this.links = links;
  }

  ObjectNode privateState(
      Instant now, Tally tally, StatusFolder.Snapshot snapshot, RunnerHealth health,
      Optional<JsonNode> parameters) {
    ObjectNode doc = Json.mapper().createObjectNode();
    doc.put("title", title());
    doc.put("hosting-title", settings.rootTitle());
    doc.put("status", tally.status());
    ObjectNode state = doc.putObject("state");
    state.put("error", tally.error());
    state.put("success", tally.success());
    state.put("warning", tally.warning());
    severities(doc.putObject(SEVERITY_COUNTS), snapshot.statuses());
    doc.put("type", "global");
    doc.put("date", Json.slaposDate(now));
    flat(doc);
    ObjectNode linkNode = doc.putObject("_links");
    linkNode.putObject("rss_url").put("href", links.feed());
    linkNode.putObject("public_url").put("href", links.publicShare());
    linkNode.putObject("private_url").put("href", links.privateShare());
    related(linkNode);
    data(doc.putObject("data"));
    ObjectNode embedded = doc.putObject("_embedded");
    ArrayNode promises = embedded.putArray("promises");
    snapshot.statuses().forEach(status -> promises.add(status.document()));
    instance(embedded.putObject("instance"));
    parameters.ifPresent(value -> doc.set("parameters", value));
    runner(doc, now, health);
    writes(doc);
    ArrayNode skipped = doc.putArray("unreadable");
    snapshot.skipped().forEach(skipped::add);
    return doc;
  }

  ObjectNode publicState(Instant now, Tally tally, RunnerHealth health) {
    ObjectNode doc = Json.mapper().createObjectNode();
    doc.put("status", tally.status());
    doc.put("date", Json.slaposDate(now));
    doc.put("title", title());
    doc.put("hosting-title", settings.rootTitle());
    doc.put("specialise_title", settings.rootTitle());
    ObjectNode linkNode = doc.putObject("_links");
    linkNode.putObject("monitor").put("href", links.privateShare());
    related(linkNode);
    runner(doc, now, health);
    return doc;
  }

  String title() {
    return settings.title().isEmpty() ? DEFAULT_TITLE : settings.title();
  }

  private void related(ObjectNode linkNode) {
    ArrayNode related = linkNode.putArray("related_monitor");
    links.relatedMonitors().forEach(href -> related.addObject().put("href", href));
  }

  /**
   * The count of each severity, every one written (0 too), named as the promises' {@code
   * nagios-status} says it: a WARNING or a TIMEOUT is only an error in {@code state}.
   */
  private static void severities(ObjectNode counts, List<PromiseStatus> statuses) {
    PromiseStatus.SEVERITIES.forEach(severity -> counts.put(severity, 0));
    for (PromiseStatus status : statuses) {
      String severity = status.severity();
      counts.put(severity, counts.get(severity).asInt() + 1);
    }
  }

  private static void data(ObjectNode data) {
    data.put("state", "monitor_state.data");
    data.put("process_state", "monitor_process_resource.status");
    data.put("process_resource", "monitor_resource_process.data");
    data.put("memory_resource", "monitor_resource_memory.data");
    data.put("io_resource", "monitor_resource_io.data");
    data.put("monitor_process_state", "monitor_resource.status");
  }

  /**
   * Every key, {@code ""} when unknown: the OfficeJS app reads a missing {@code computer} as an
   * instance never synchronised and hides its parameter editor.
   */
  private void instance(ObjectNode instance) {
    PartitionIdentity id = settings.identity();
    List.of(
            new Field("computer", id.computer()),
            new Field("ipv4", id.ipv4()),
            new Field("ipv6", id.ipv6()),
            new Field("software-release", id.softwareRelease()),
            new Field("software-type", id.softwareType()),
            new Field("partition", id.partition()))
        .forEach(field -> instance.put(field.name(), field.value().orElse("")));
  }

  private record Field(String name, Optional<String> value) {}

  /**
   * The flat fields of today's schema ({@code monitor_instance.schema.json}, SPEC §B.4) beside the
   * seed's {@code hosting-title} and {@code _embedded.instance}: every one written, "" when the
   * partition does not say.
   */
  private void flat(ObjectNode doc) {
    PartitionIdentity id = settings.identity();
    doc.put("portal_type", "Software Instance");
    doc.put("specialise_title", settings.rootTitle());
    doc.put("aggregate_reference", id.computer().orElse(""));
    doc.put("ipv4", id.ipv4().orElse(""));
    doc.put("ipv6", id.ipv6().orElse(""));
    doc.put("software_release", id.softwareRelease().orElse(""));
    doc.put("software_type", id.softwareType().orElse(""));
    doc.put("partition_id", id.partition().orElse(""));
  }

  /**
   * Whether the monitor's own writes fail (a full disk): this document is written when they work
   * again, so the last failure is kept in it; {@code /metrics} tells it while they fail.
   */
  private static void writes(ObjectNode doc) {
    WriteFailures.Snapshot snapshot = WriteFailures.snapshot();
    ObjectNode writes = doc.putObject("writes");
    writes.put("failing", snapshot.failing());
    writes.put("failures", snapshot.failures());
    snapshot.last().ifPresentOrElse(
        last -> {
          ObjectNode failure = writes.putObject("last-failure");
          failure.put("path", last.path().toString());
          failure.put("error", last.error());
          failure.put("date", Json.isoDate(last.at()));
        },
        () -> writes.putNull("last-failure"));
  }

  /** The added fields: when the runner last ran and runs next, and whether it looks dead. */
  private static void runner(ObjectNode doc, Instant now, RunnerHealth health) {
    ObjectNode runner = doc.putObject("runner");
    health.lastRun().ifPresentOrElse(
        last -> runner.put("last-run", Json.isoDate(last)), () -> runner.putNull("last-run"));
    runner.put("next-run", Json.isoDate(health.nextRun()));
    runner.put("period", health.period().toSeconds());
    runner.put("stale", health.stale(now));
  }
}
