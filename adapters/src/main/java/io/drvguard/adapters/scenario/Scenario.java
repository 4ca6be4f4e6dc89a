package io.drvguard.adapters.scenario;

import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.policy.Target;
import io.drvguard.facts.request.NtStatus;
import io.drvguard.facts.request.Verdict;
import io.drvguard.facts.security.SecurityDescriptor;
import io.drvguard.facts.security.Token;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code *.scenario.yaml} as read by {@link ScenarioReader}: who acts (principals), against which
 * package and OS target, and the steps in order. Everything is resolved that can be without the
 * package: principals to tokens, access names to masks, SDDL to descriptors.
 *
 * @param name the {@code scenario} value (default: the file name without {@code .scenario.yaml})
 * @param file the scenario file as given
 * @param packagePath the {@code package} value resolved against the scenario's directory: a
 *     manifest file, or a package directory's manifest
 * @param target the {@code target} written in the scenario, or null when it gives none (then the
 *     configured {@code policy.target} applies, see {@link #targetOr})
 * @param principals by name, in the order written
 */
public record Scenario(
    String name, Path file, Path packagePath, Target target, Map<String, Token> principals, List<Step> steps) {

  public Scenario {
    Objects.requireNonNull(name, "name");
    principals = Collections.unmodifiableMap(new LinkedHashMap<>(principals));
    steps = List.copyOf(steps);
  }

  /** The OS target the scenario runs against: its own {@code target}, else {@code configured}. */
  public Target targetOr(Target configured) {
    return target != null ? target : Objects.requireNonNull(configured, "configured");
  }

  /** The first principal written, or null when there is none (default for still-image steps). */
  public Principal firstPrincipal() {
    return principals.entrySet().stream().findFirst().map(e -> new Principal(e.getKey(), e.getValue())).orElse(null);
  }

  /** A principal of the scenario: its name and token. */
  public record Principal(String name, Token token) {
    public Principal {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(token, "token");
    }
  }

  /**
   * One step: exactly one action, optionally the handle name an allowed open binds, optionally the
   * expected decision.
   *
   * @param handle the name bound by an allowed {@code open} or {@code relativeOpen}; null otherwise
   * @param expect null when the step has no expectation
   * @param location where the step starts in the scenario file
   */
  public record Step(String id, Action action, String handle, Expectation expect, SourceLocation location) {
    public Step {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(action, "action");
    }

    /** The step kind as written: {@code open}, {@code relativeOpen}, {@code ioctl}, … */
    public String kind() {
      return action.kind();
    }
  }

  /**
   * What a step expects; null fields are not compared.
   *
   * @param decision allow or deny
   * @param status the NTSTATUS
   * @param requirement a requirement id such as {@code NS-1}
   * @param rule a rule id
   * @param guards rule ids that must not vote on the step (it guards them: their condition narrowly
   *     fails to hold), so the step is their negative case
   */
  public record Expectation(Verdict decision, NtStatus status, String requirement, String rule, List<String> guards) {
    public Expectation {
      guards = guards == null ? List.of() : List.copyOf(guards);
    }

    /** An expectation that guards no rule. */
    public Expectation(Verdict decision, NtStatus status, String requirement, String rule) {
      this(decision, status, requirement, rule, List.of());
    }
  }

  /** The action of a step. */
  public sealed interface Action permits Open, RelativeOpen, Ioctl, Forward, CreateObject, OpenObject, Close {
    String kind();
  }

  /**
   * {@code open {as, path, access, fileSddl}}.
   *
   * @param fileDescriptor the namespace object's own descriptor ({@code fileSddl}, NS-10), or null
   *     for the device's effective descriptor
   */
  public record Open(Principal as, String path, int access, SecurityDescriptor fileDescriptor) implements Action {
    public Open {
      Objects.requireNonNull(as, "as");
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String kind() {
      return "open";
    }
  }

  /**
   * {@code relativeOpen {handle, as, access}}: an open of {@code ""} relative to {@code handle}.
   *
   * @param as null for the handle's principal
   * @param access null for the handle's granted access
   * @param owner the principal of the latest earlier step that binds {@code handle} (who holds it)
   */
  public record RelativeOpen(String handle, Principal as, Integer access, Principal owner) implements Action {
    @Override
    public String kind() {
      return "relativeOpen";
    }
  }

  /**
   * {@code ioctl {handle, code}}.
   *
   * @param code an IOCTL name of the package, or a number / {@code CTL_CODE(…)} text (numbers are
   *     kept as {@code 0x…} text)
   * @param owner the principal of the latest earlier step that binds {@code handle}
   */
  public record Ioctl(String handle, String code, Principal owner) implements Action {
    @Override
    public String kind() {
      return "ioctl";
    }
  }

  /** {@code forward {handle, code}}: the driver passing the IRP of that IOCTL down (PRIV-1). */
  public record Forward(String handle, String code, Principal owner) implements Action {
    @Override
    public String kind() {
      return "forward";
    }
  }

  /**
   * {@code createObject {object, context, as}}.
   *
   * @param as the application context's principal; null in the event monitor context (LocalSystem)
   */
  public record CreateObject(String object, Context context, Principal as) implements Action {
    @Override
    public String kind() {
      return "createObject";
    }
  }

  /**
   * {@code openObject {object, context, as, access}}.
   *
   * @param as the application context's principal; null in the event monitor context (LocalSystem)
   */
  public record OpenObject(String object, Context context, Principal as, int access) implements Action {
    @Override
    public String kind() {
      return "openObject";
    }
  }

  /** {@code close {handle}} (extension): closes the handle; no request, nothing to decide. */
  public record Close(String handle) implements Action {
    @Override
    public String kind() {
      return "close";
    }
  }
}
