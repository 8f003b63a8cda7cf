package slapmon.runtime.collect;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Which of the machine's processes are the partition's own. */
sealed interface ProcessScope {
  /** The partition's processes among {@code all}, in their order. */
  List<ProcReading> select(List<ProcReading> all, ProcFs proc);

  /**
   * The processes of {@code uid} when slapmon runs as a user of its own (SlapOS gives each partition
   * one, and the collector database counts by it); as root, whose processes are the machine's, the
   * tree of slapmon itself and the processes working in or run from {@code partition}.
   */
  static ProcessScope of(long uid, long self, Optional<Path> partition) {
    return uid == 0 ? new OfPartition(self, partition) : new OfUser(uid);
  }

  /** Every process whose real uid is {@code uid}. */
  record OfUser(long uid) implements ProcessScope {
    @Override
    public List<ProcReading> select(List<ProcReading> all, ProcFs proc) {
      return all.stream().filter(r -> r.uid() == uid).toList();
    }
  }

  /**
   * Process {@code root} and its descendants, whoever they run as, and any process whose working
   * folder or executable lies inside {@code folder} (a service of the partition that another
   * supervisor started).
   */
  record OfPartition(long root, Optional<Path> folder) implements ProcessScope {
    public OfPartition {
      folder = folder.map(OfPartition::real).filter(f -> f.getNameCount() > 0);
    }

    /** As {@code /proc} shows links: absolute, symbolic links resolved where the folder exists. */
    private static Path real(Path folder) {
      try {
        return folder.toRealPath();
      } catch (IOException missing) {
        return folder.toAbsolutePath().normalize();
      }
    }

    @Override
    public List<ProcReading> select(List<ProcReading> all, ProcFs proc) {
      Set<Long> tree = descendants(all);
      List<ProcReading> found = new ArrayList<>();
      for (ProcReading r : all) {
        if (tree.contains(r.pid()) || inFolder(r.pid(), proc)) {
          found.add(r);
        }
      }
      return found;
    }

    private Set<Long> descendants(List<ProcReading> all) {
      Map<Long, List<Long>> children = new HashMap<>();
      for (ProcReading r : all) {
        children.computeIfAbsent(r.parent(), p -> new ArrayList<>()).add(r.pid());
      }
      Set<Long> tree = new HashSet<>();
      Deque<Long> next = new ArrayDeque<>(List.of(root));
      while (!next.isEmpty()) {
        long pid = next.pop();
        if (tree.add(pid)) {
          next.addAll(children.getOrDefault(pid, List.of()));
        }
      }
      return tree;
    }

    private boolean inFolder(long pid, ProcFs proc) {
      if (folder.isEmpty()) {
        return false;
      }
      Path inside = folder.get();
      return proc.link(pid, "cwd").filter(p -> p.startsWith(inside)).isPresent()
          || proc.link(pid, "exe").filter(p -> p.startsWith(inside)).isPresent();
    }
  }
}
