package slapmon.runtime.bootstrap;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The links of {@code public-path-list} and {@code private-path-list} (SPEC §A.5.2 step 3): each
 * path becomes {@code <folder>/<basename>}, an absolute link that may dangle; a second path with
 * the same basename, or one taking a name the layout owns, is reported and not linked.
 */
final class LinkedPathLinks {
  private final List<String> problems;

  LinkedPathLinks(List<String> problems) {
    this.problems = problems;
  }

  void link(Path folder, List<Path> targets, Set<String> reserved, String listName) {
    Map<String, Path> taken = new HashMap<>();
    for (Path target : targets) {
      Path name = target.getFileName();
      if (name == null) {
        problems.add(listName + ": '" + target + "' has no basename to link it as; not linked");
        continue;
      }
      String basename = name.toString();
      Path first = taken.putIfAbsent(basename, target);
      if (first != null) {
        problems.add(
            listName + ": '" + target + "' would be linked as " + folder.resolve(basename)
                + ", already the link to '" + first + "'; expected distinct basenames; not linked");
      } else if (reserved.contains(basename)) {
        problems.add(
            listName + ": '" + target + "' would be linked as " + folder.resolve(basename)
                + ", a name the monitor uses itself; not linked");
      } else {
        Symlinks.ensure(folder.resolve(basename), target).ifPresent(problems::add);
      }
    }
  }
}
