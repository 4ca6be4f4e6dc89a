package io.drvguard.regression;

import io.drvguard.adapters.scenario.Scenario.Principal;
import io.drvguard.adapters.sim.StepResult;
import io.drvguard.engine.Evaluation;
import io.drvguard.facts.model.Severity;
import io.drvguard.facts.model.Violation;
import io.drvguard.facts.request.Decision;
import io.drvguard.facts.security.AccessMask;
import io.drvguard.facts.security.Sid;
import io.drvguard.facts.security.Token;
import io.drvguard.library.Device;
import io.drvguard.library.Drvguard;
import io.drvguard.library.Findings;
import java.nio.file.Path;

public class EmbedDrvguard {
  public static void main(String[] args) throws Exception {
    Path examples = Path.of(args.length > 0 ? args[0] : "examples");
    Path toastbus = examples.resolve("toastbus-vulnerable");

    // Build once: this compiles and validates the rules (bundled ones unless told otherwise).
    // The result is thread-safe; check() and decide() may be called from many threads at once.
    Drvguard guard = Drvguard.builder().severity("IOCTL-3", Severity.ERROR).build();

    // Static findings for a package directory, a driver source tree, or a folder holding packages.
    Findings findings = guard.check(toastbus);
    for (Violation v : findings.violations()) {
      System.out.println(v.location() + ": " + v.severity().id() + ": [" + v.requirement() + "] " + v.message());
    }
    findings.errors().forEach(e -> System.out.println("unreadable: " + e.getMessage()));

    // A decision: who asks for what on which device. The package's device model resolves the
    // request into facts (descriptor, stack flags, handle access) and the rules decide it.
    Device devices = guard.device(toastbus);
    Principal alice = new Principal("alice", Token.interactiveUser(Sid.parse("S-1-5-21-1-2-3-1001")));
    Evaluation open = devices.open(alice, "\\Device\\ToastPdo0\\x", AccessMask.FILE_READ_DATA, "h1");
    print("open", open.decision());
    // an allow Windows gives but a requirement forbids is a hole: a finding against the package
    open.violations().forEach(v -> System.out.println("  hole: [" + v.requirement() + "] " + v.packageName()));
    print("ioctl", devices.ioctl("h1", "IOCTL_TOAST_EJECT").decision());

    // A whole scenario file: principals, package and steps, each step decided as it is run.
    guard.simulate(examples.resolve("scenarios/toastbus.scenario.yaml")).filter(StepResult::decided)
        .forEach(step -> print(step.step().id(), step.decision()));
  }

  static void print(String what, Decision d) {
    System.out.println(what + ": " + d.verdict().id() + " " + d.status() + " [" + d.requirement() + " "
        + d.ruleId() + "] " + d.reason());
  }
}
