package slapmon.slapos;

import java.nio.file.Files;
import java.nio.file.Path;

/** The SlapOS repository snapshot of the project's shared oracles, when the checkout has one. */
final class SlaposTree {
  static final String RELATIVE = "shared/oracles/slapos/slapos";

  private SlaposTree() {}

  /** The first {@value #RELATIVE} in the repository's folder or its parents, or null. */
  static Path find() {
    for (Path folder = SlaposOracle.repository(); folder != null; folder = folder.getParent()) {
      Path tree = folder.resolve(RELATIVE);
      if (Files.isRegularFile(tree.resolve("stack/monitor/instance-monitor.cfg.jinja2.in"))) {
        return tree;
      }
    }
    return null;
  }
}
