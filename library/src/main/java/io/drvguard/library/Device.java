package io.drvguard.library;

import io.drvguard.adapters.scenario.Scenario;
import io.drvguard.adapters.scenario.Scenario.Principal;
import io.drvguard.adapters.sim.DeviceModel;
import io.drvguard.adapters.sim.StepResult;
import io.drvguard.engine.Engine;
import io.drvguard.engine.Evaluation;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.policy.PackageModel;
import java.util.Objects;
import java.util.Optional;

/**
 * One package's devices as Windows would run them, with the engine deciding each request: the
 * entities of a decision (what {@code cedar-java} passes to {@code isAuthorized} beside the request
 * and the policies). A request is described the way a scenario step is — who, what, on which
 * name or handle — and the device model resolves it into the facts the rules decide on (the
 * effective descriptor, the stack's flags, the handle's granted access, …). An allowed open binds
 * its handle name, so later requests can use it; a denied request changes nothing.
 *
 * <p>Not thread-safe: a device keeps its handles and kernel objects. Make one per simulated caller
 * session: {@link Drvguard#device(io.drvguard.facts.model.DriverPackage)} is cheap once the package is read.
 */
public final class Device {
  private final Engine engine;
  private final DriverPackage pkg;
  private final DeviceModel model;
  private final boolean explain;
  private int steps;

  Device(Engine engine, DriverPackage pkg, boolean explain) {
    this.engine = engine;
    this.pkg = pkg;
    this.explain = explain;
    this.model = new DeviceModel(pkg.name(), pkg, PackageModel.of(pkg, engine.settings().policy()),
        engine.settings().policy().target());
  }

  /** The package the device runs. */
  public DriverPackage pkg() {
    return pkg;
  }

  /** The device model: its handles, open counts and kernel objects as the requests left them. */
  public DeviceModel model() {
    return model;
  }

  /**
   * {@code as} opens {@code path} ({@code \Device\Name}, or a name in its namespace) asking for
   * {@code desiredAccess} ({@link io.drvguard.facts.security.AccessMask} bits); when allowed, the
   * handle is bound to {@code handle} (null: bound to nothing).
   */
  public Evaluation open(Principal as, String path, int desiredAccess, String handle) {
    return evaluation(run(new Scenario.Open(as, path, desiredAccess, null), handle));
  }

  /**
   * Sends the IOCTL {@code code} (a name the package declares, a number, or {@code CTL_CODE(…)}
   * text) on the open handle {@code handle}.
   */
  public Evaluation ioctl(String handle, String code) {
    return evaluation(run(new Scenario.Ioctl(handle, code, holder(handle)), null));
  }

  /** Closes {@code handle}; nothing is decided. */
  public void close(String handle) {
    run(new Scenario.Close(handle), null);
  }

  /**
   * Runs any scenario action (relative opens, forwards, kernel objects too) as the next step;
   * {@code handle} is the name an allowed open binds, or null. The result's
   * {@link StepResult#outcome() outcome} is the engine's {@link Evaluation} (null for a close).
   *
   * @throws io.drvguard.adapters.sim.SimulationException when the action names an IOCTL or kernel
   *     object the package does not declare
   */
  public StepResult run(Scenario.Action action, String handle) {
    Objects.requireNonNull(action, "action");
    // no scenario file: the step's findings point at the package's manifest (see DeviceModel)
    Scenario.Step step = new Scenario.Step(Integer.toString(++steps), action, handle, null, null);
    return model.run(step, request -> engine.evaluate(request, explain));
  }

  /** The principal holding {@code handle} (open or closed), for a request on a handle that is no longer open. */
  private Principal holder(String handle) {
    return model.handle(handle).or(() -> Optional.ofNullable(model.closedHandles().get(handle)))
        .map(h -> new Principal(h.principal(), h.token())).orElse(null);
  }

  private static Evaluation evaluation(StepResult r) {
    return (Evaluation) r.outcome();
  }
}
