package slapmon.runtime.promise;

/** Promises say whether something is healthy, every period; reports run on their own schedule. */
enum Kind {
  PROMISE("status", ".status.json"),
  REPORT("report", ".report.json");

  /** The legacy {@code type} field. */
  final String type;

  /** The ending of the result file, after the title. */
  final String suffix;

  Kind(String type, String suffix) {
    this.type = type;
    this.suffix = suffix;
  }
}
