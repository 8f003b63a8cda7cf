package slapmon.runtime.state;

import java.util.List;

/** The legacy counts of a snapshot and the global status they give (SPEC §A.8.1). */
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
        case "WARNING":
          warning++;
          break;
        default:
          break; // counted by nobody, as in the original
      }
    }
    return new Tally(success, error, warning);
  }

  /** ERROR if any failed, else WARNING if any warned, else OK. */
  String status() {
    if (error > 0) {
      return "ERROR";
    }
    return warning > 0 ? "WARNING" : "OK";
  }
}
