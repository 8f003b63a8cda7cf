package slapmon.runtime.state;

import java.util.List;

/**
 * The counts of a snapshot and the global status they give (SPEC §A.8.1). {@code success} and
 * {@code error} are the legacy counts by {@code status}, which the OfficeJS app reads; {@code
 * warning} counts by severity: a Nagios plugin's WARNING is status ERROR with {@code nagios-status}
 * WARNING, so the legacy count by status alone was always 0 beside rows the dashboard shows as
 * WARNING.
 */
record Tally(int success, int error, int warning) {
  static Tally of(List<PromiseStatus> statuses) {
    int success = 0;
    int error = 0;
    int warning = 0;
    for (PromiseStatus status : statuses) {
      switch (status.status()) {
        case "OK":
          success++;
          break;
        case "ERROR":
          error++;
          break;
        default:
          break; // counted by nobody, as in the original
      }
      if (severity(status).equals("WARNING")) {
        warning++;
      }
    }
    return new Tally(success, error, warning);
  }

  /** The {@code nagios-status} when the document has one, else its status. */
  private static String severity(PromiseStatus status) {
    String nagios = status.document().path("nagios-status").asText("");
    return nagios.isEmpty() ? status.status() : nagios;
  }

  /** ERROR if any failed, else WARNING if any warned, else OK. */
  String status() {
    if (error > 0) {
      return "ERROR";
    }
    return warning > 0 ? "WARNING" : "OK";
  }
}
