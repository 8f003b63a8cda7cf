package slapmon.config.buildout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** Tells a cycle the same way whichever member it was found from. */
final class Cycles {
  private Cycles() {}

  /** The members rotated so that the smallest comes first; a new, mutable list. */
  static <T> List<T> fromSmallest(List<T> members, Comparator<? super T> order) {
    List<T> loop = new ArrayList<>(members);
    Collections.rotate(loop, -loop.indexOf(Collections.min(loop, order)));
    return loop;
  }
}
