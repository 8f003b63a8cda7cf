package slapmon;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * No two packages of slapmon depend on each other, directly or through others: a package is read
 * and changed from the ones it uses, never from one that uses it too. The dependencies are read
 * by ArchUnit from the compiled classes of the three modules (fully qualified names, lambdas and
 * method references included, which an import scan misses). The cycles are the strongly connected
 * components of the package graph: ArchUnit's own slice rule reported only some of them here.
 */
final class PackageCyclesTest {
  @Test
  void no_package_cycle_among_slapmon_packages() {
    Map<String, Map<String, String>> uses = packageGraph();
    assertThat(uses)
        .as("the three modules' packages are on the class path")
        .containsKeys("slapmon.config.settings", "slapmon.templates", "slapmon.runtime.launch");

    List<String> cycles = new ArrayList<>();
    for (List<String> component : new StronglyConnected(uses).components()) {
      if (component.size() > 1) {
        StringBuilder cycle = new StringBuilder("cycle " + component + ":");
        for (String from : component) {
          uses.get(from).forEach((to, example) -> {
            if (component.contains(to)) {
              cycle.append("\n  ").append(from).append(" -> ").append(to).append(": ").append(example);
            }
          });
        }
        cycles.add(cycle.toString());
      }
    }
    assertThat(cycles).as("package cycles").isEmpty();
  }

  /**
   * monitor.conf's whole document and its {@code [monitor]} and {@code [promises]} sections reach
   * launch only: it alone turns them into each feature's settings.
   */
  @Test
  void only_launch_sees_monitor_conf_sections() {
    List<String> raw =
        List.of(
            "slapmon.config.settings.MonitorConf",
            "slapmon.config.settings.MonitorSection",
            "slapmon.config.settings.PromisesSection");
    List<String> outside = new ArrayList<>();
    for (JavaClass type : runtimeClasses()) {
      if (type.getPackageName().equals("slapmon.runtime.launch")) {
        continue;
      }
      for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
        if (raw.contains(dependency.getTargetClass().getName())) {
          outside.add(dependency.getDescription());
        }
      }
    }
    assertThat(outside).as("raw monitor.conf sections used outside launch").isEmpty();
  }

  private static Iterable<JavaClass> runtimeClasses() {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("slapmon.runtime");
  }

  /** Package to the packages it uses, each with one dependency that shows it. */
  private static Map<String, Map<String, String>> packageGraph() {
    Map<String, Map<String, String>> uses = new TreeMap<>();
    for (JavaClass type :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("slapmon")) {
      Map<String, String> targets = uses.computeIfAbsent(type.getPackageName(), p -> new TreeMap<>());
      for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
        String target = dependency.getTargetClass().getPackageName();
        if (target.startsWith("slapmon.") && !target.equals(type.getPackageName())) {
          targets.putIfAbsent(target, dependency.getDescription());
        }
      }
    }
    return uses;
  }

  /** Tarjan's algorithm, iterative over the few dozen packages. */
  private static final class StronglyConnected {
    private final Map<String, Map<String, String>> graph;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final List<List<String>> components = new ArrayList<>();

    StronglyConnected(Map<String, Map<String, String>> graph) {
      this.graph = graph;
    }

    List<List<String>> components() {
      for (String node : graph.keySet()) {
        if (!index.containsKey(node)) {
          visit(node);
        }
      }
      return components;
    }

    private void visit(String node) {
      index.put(node, index.size());
      low.put(node, index.get(node));
      stack.push(node);
      for (String next : graph.getOrDefault(node, Map.of()).keySet()) {
        if (!index.containsKey(next)) {
          visit(next);
          low.put(node, Math.min(low.get(node), low.get(next)));
        } else if (stack.contains(next)) {
          low.put(node, Math.min(low.get(node), index.get(next)));
        }
      }
      if (low.get(node).equals(index.get(node))) {
        TreeSet<String> component = new TreeSet<>();
        String member;
        do {
          member = stack.pop();
          component.add(member);
        } while (!member.equals(node));
        components.add(List.copyOf(component));
      }
    }
  }
}
