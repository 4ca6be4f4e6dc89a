package io.drvguard.adapters.sim;

import io.drvguard.adapters.scenario.Context;
import io.drvguard.adapters.scenario.Scenario;
import io.drvguard.adapters.scenario.Scenario.Principal;
import io.drvguard.adapters.scenario.Scenario.Step;
import io.drvguard.adapters.scenario.ScenarioReader;
import io.drvguard.facts.policy.Target;
import io.drvguard.facts.ioctl.CtlCode;
import io.drvguard.facts.model.DeviceObject;
import io.drvguard.facts.model.DeviceObjectKind;
import io.drvguard.facts.model.Dispatch;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.IoctlDefinition;
import io.drvguard.facts.model.KernelObjectDef;
import io.drvguard.facts.model.KernelObjectType;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.policy.DeviceStack;
import io.drvguard.facts.policy.EffectiveDescriptor;
import io.drvguard.facts.policy.InfDeviceSettings;
import io.drvguard.facts.policy.PackageModel;
import io.drvguard.facts.policy.PolicySettings;
import io.drvguard.facts.request.Decided;
import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.ForwardRequest;
import io.drvguard.facts.request.IoctlRequest;
import io.drvguard.facts.request.ObjectCreateRequest;
import io.drvguard.facts.request.ObjectOpenRequest;
import io.drvguard.facts.request.OpenKind;
import io.drvguard.facts.request.OpenRequest;
import io.drvguard.facts.request.Origin;
import io.drvguard.facts.request.Request;
import io.drvguard.facts.security.Sddl;
import io.drvguard.facts.security.SecurityDescriptor;
import io.drvguard.facts.security.Sid;
import io.drvguard.facts.security.Token;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The simulated I/O manager, device stacks and still-image minidriver of one package: it
 * <em>resolves</em> each scenario step into a {@link Request} and <em>records</em> what an allowed
 * request does; it never decides. Every decision comes from the decider given to {@link #run}
 * (the rule engine). State: the object namespace ({@code \Device\…} names, case-insensitive),
 * open handles by name, closed handles by name, open-handle counts per stack and per device object
 * and the kernel objects created. No per-step history is kept, so scenarios of any length run in bounded memory
 * (state grows only with the number of distinct handle and object names). Not thread-safe: one
 * model per run.
 */
public final class DeviceModel {
  /** The principal name of the still-image event monitor (STI-1). */
  public static final String EVENT_MONITOR_PRINCIPAL = "LocalSystem";
  /** The default DACL of a LocalSystem token, which a NULL descriptor gets in the event monitor (STI-2). */
  public static final String LOCAL_SYSTEM_DEFAULT_DACL = "D:(A;;GA;;;SY)(A;;GRGX;;;BA)";
  /** The default DACL of an interactive user's token, {@code %s} = the user SID (STI-2). */
  public static final String USER_DEFAULT_DACL = "D:(A;;GA;;;%s)(A;;GA;;;SY)";
  private static final Token NOBODY = new Token(Sid.parse("S-1-0-0"), Set.of(), Set.of());
  private static final String DEVICE_PREFIX = "\\device\\";

  /** An open handle: what it was opened on, by whom, with what access. */
  public record HandleState(
      String name, String deviceObjectId, String stack, String path, int grantedAccess, String principal,
      Token token, SecurityDescriptor fileDescriptor) {}

  /** A named kernel object an instance of the minidriver created. */
  public record KernelObjectState(
      String name, KernelObjectType type, Context creatorContext, String creator, boolean nullDescriptor,
      SecurityDescriptor descriptor) {}

  private final String scenarioName;
  private final DriverPackage pkg;
  private final PackageModel model;
  private final Target target;
  private final Dispatch dispatch;
  private final boolean namespaceSupported;
  /** Named device objects, longest name first, with their lower-case names. */
  private final List<Map.Entry<String, DeviceObject>> names;
  private final Map<String, DeviceStack> stackOf = new HashMap<>();
  private final Map<String, Boolean> exclusiveStack = new HashMap<>();
  /** DO_EXCLUSIVE per device object id: the I/O manager enforces it per named object (NS-5). */
  private final Map<String, Boolean> exclusiveObject = new HashMap<>();
  /** The DeviceType per device object id, after the INF's (NS-2 traverse-checks disks and CD-ROMs). */
  private final Map<String, Integer> deviceTypes = new HashMap<>();

  private final Map<String, HandleState> handles = new LinkedHashMap<>();
  private final Map<String, HandleState> closed = new HashMap<>();
  private final Map<String, Integer> openCounts = new HashMap<>();
  private final Map<String, Integer> objectCounts = new HashMap<>();
  private final Map<String, KernelObjectState> objects = new LinkedHashMap<>();
  /** See {@link #version()}. */
  private long version;

  public DeviceModel(String scenarioName, DriverPackage pkg, PackageModel model, Target target) {
    this.scenarioName = Objects.requireNonNull(scenarioName, "scenarioName");
    this.pkg = Objects.requireNonNull(pkg, "pkg");
    this.model = Objects.requireNonNull(model, "model");
    this.target = Objects.requireNonNull(target, "target");
    this.dispatch = pkg.driver() == null || pkg.driver().dispatch() == null ? Dispatch.NONE : pkg.driver().dispatch();
    this.namespaceSupported = pkg.driver() != null && pkg.driver().namespace();
    Boolean infExclusive = PackageModel.deviceOrClass(model.infSettings(), InfDeviceSettings::exclusive);
    // the PnP manager applies an INF DeviceType, the device key's over the class key's (inf-addreg-directive)
    Integer infType = PackageModel.deviceOrClass(model.infSettings(), InfDeviceSettings::deviceType);
    List<Map.Entry<String, DeviceObject>> n = new ArrayList<>();
    for (DeviceStack s : model.stacks()) {
      boolean infSetsExclusive = s.infCovered() && Boolean.TRUE.equals(infExclusive);
      boolean exclusive = s.objects().stream().anyMatch(DeviceObject::exclusive) || infSetsExclusive;
      exclusiveStack.put(s.name(), exclusive);
      for (DeviceObject d : s.objects()) {
        stackOf.put(d.id(), s);
        exclusiveObject.put(d.id(), d.exclusive() || infSetsExclusive);
        // the PnP manager applies an INF DeviceType to the PDO the bus driver created (inf-addreg-directive)
        Integer type = s.infCovered() && infType != null && d.kind() == DeviceObjectKind.PDO ? infType : d.deviceType();
        deviceTypes.put(d.id(), type == null ? OpenRequest.FILE_DEVICE_UNKNOWN : type);
        if (d.named()) {
          n.add(Map.entry(d.name().toLowerCase(Locale.ROOT), d));
        }
      }
    }
    n.sort(Comparator.comparingInt((Map.Entry<String, DeviceObject> e) -> e.getKey().length()).reversed());
    this.names = List.copyOf(n);
  }

  /**
   * What a model has recorded, taken out as a value ({@link #snapshot()}) and put back
   * ({@link #restore(State)}) so that a model can be rebuilt around it later, for instance per
   * event from a key-value store (module {@code streams}): open handles by name, the last handle
   * closed under each name, open-handle counts per stack and per device object, kernel objects by
   * namespace key. Everything else of a model follows from its package, policy and target.
   */
  public record State(Map<String, HandleState> handles, Map<String, HandleState> closed,
      Map<String, Integer> openCounts, Map<String, Integer> objectCounts, Map<String, KernelObjectState> objects) {
    /** Copies the maps, keeping the order handles and objects were recorded in. */
    public State {
      handles = Collections.unmodifiableMap(new LinkedHashMap<>(handles));
      closed = Collections.unmodifiableMap(new LinkedHashMap<>(closed));
      openCounts = Collections.unmodifiableMap(new LinkedHashMap<>(openCounts));
      objectCounts = Collections.unmodifiableMap(new LinkedHashMap<>(objectCounts));
      objects = Collections.unmodifiableMap(new LinkedHashMap<>(objects));
    }

    /** The state of a model nothing has happened to. */
    public static State empty() {
      return new State(Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
    }
  }

  /**
   * A number that changes whenever what this model records changes (a handle opened or closed, a
   * kernel object created, a state restored) and only then, so a caller that keeps the state
   * elsewhere writes it back only after a step that changed it: an IOCTL, a forward, a denied
   * step or an open of a kernel object changes nothing.
   */
  public long version() {
    return version;
  }

  /** What this model has recorded so far, as a value that later steps do not change. */
  public State snapshot() {
    return new State(handles, closed, openCounts, objectCounts, objects);
  }

  /**
   * Replaces what this model has recorded with {@code state} (taken from a model of the same
   * package), so the next step runs as it would have on the model {@code state} was taken from.
   */
  public void restore(State state) {
    Objects.requireNonNull(state, "state");
    handles.clear();
    handles.putAll(state.handles());
    closed.clear();
    closed.putAll(state.closed());
    openCounts.clear();
    openCounts.putAll(state.openCounts());
    objectCounts.clear();
    objectCounts.putAll(state.objectCounts());
    objects.clear();
    objects.putAll(state.objects());
    version++;
  }

  /** The model of {@code scenario}'s package with the default policy settings. */
  public static DeviceModel of(Scenario scenario, DriverPackage pkg) {
    return new DeviceModel(scenario.name(), pkg, PackageModel.of(pkg, PolicySettings.DEFAULTS),
        scenario.targetOr(PolicySettings.DEFAULTS.target()));
  }

  // ---------------------------------------------------------------- state

  public Target target() {
    return target;
  }

  /** The {@code \Device\…} names of the namespace, as the package writes them. */
  public List<String> namespace() {
    return names.stream().map(e -> e.getValue().name()).sorted().toList();
  }

  /** The device object a {@code \Device\Name} (any case) names. */
  public Optional<DeviceObject> lookup(String deviceName) {
    String lower = deviceName.toLowerCase(Locale.ROOT);
    return names.stream().filter(e -> e.getKey().equals(lower)).map(Map.Entry::getValue).findFirst();
  }

  /** Open handles by name (a read-only view). */
  public Map<String, HandleState> handles() {
    return Collections.unmodifiableMap(handles);
  }

  public Optional<HandleState> handle(String name) {
    return Optional.ofNullable(handles.get(name));
  }

  /** Closed handles by name, the last one closed under each name (a read-only view). */
  public Map<String, HandleState> closedHandles() {
    return Collections.unmodifiableMap(closed);
  }

  /** Handles open on {@code stack} now, named or not. */
  public int openHandles(String stack) {
    return openCounts.getOrDefault(stack, 0);
  }

  /**
   * Kernel objects created, by namespace and name: {@code global\scanlock} for the global namespace,
   * {@code session\scanlock} for the interactive user's session (a read-only view).
   */
  public Map<String, KernelObjectState> kernelObjects() {
    return Collections.unmodifiableMap(objects);
  }

  /** The object created under {@code name} (as declared; any case), in whichever namespace. */
  public Optional<KernelObjectState> kernelObject(String name) {
    return objects.values().stream().filter(k -> k.name().equalsIgnoreCase(name)).findFirst();
  }

  private static final String GLOBAL = "global";
  private static final String SESSION = "session";

  /**
   * Where a named object lives (Microsoft, "Kernel object namespaces"): a {@code Global\} name (or
   * the kernel's {@code \BaseNamedObjects\}) in the global namespace; any other name, and a
   * {@code Local\} one, in the namespace of the creating process's session. Services run in
   * session 0, whose namespace is the global one; the interactive user's programs do too before
   * session 0 isolation (Windows Vista), and in a session of their own from then on. The prefixes
   * are case-sensitive.
   */
  private String objectKey(String name, Context context) {
    if (name.startsWith("Global\\")) {
      return GLOBAL + "\\" + name.substring("Global\\".length()).toLowerCase(Locale.ROOT);
    }
    if (name.startsWith("\\BaseNamedObjects\\")) {
      return GLOBAL + "\\" + name.substring("\\BaseNamedObjects\\".length()).toLowerCase(Locale.ROOT);
    }
    String bare = name.startsWith("Local\\") ? name.substring("Local\\".length()) : name;
    return sessionNamespace(context) + "\\" + bare.toLowerCase(Locale.ROOT);
  }

  private String sessionNamespace(Context context) {
    return context == Context.EVENT_MONITOR || !target.isolatesSessionZero() ? GLOBAL : SESSION;
  }

  /** STI-1: the application context runs outside session 0 from Windows Vista on. */
  private boolean outsideSessionZero(Context context) {
    return context == Context.APPLICATION && target.isolatesSessionZero();
  }

  /** An object of the same name in the other namespace than {@code key}'s, if any (for the reason of a miss). */
  private KernelObjectState elsewhere(String key) {
    String bare = key.substring(key.indexOf('\\') + 1);
    String other = (key.startsWith(GLOBAL) ? SESSION : GLOBAL) + "\\" + bare;
    return objects.get(other);
  }

  /** Handles open on the device object {@code deviceObjectId} now (the I/O manager's count, NS-5). */
  public int openHandlesOn(String deviceObjectId) {
    return objectCounts.getOrDefault(deviceObjectId, 0);
  }

  /** DO_EXCLUSIVE as the model sets it on some object of {@code stack}. */
  public boolean exclusive(String stack) {
    return exclusiveStack.getOrDefault(stack, false);
  }

  /** DO_EXCLUSIVE as the model sets it on the device object {@code deviceObjectId}. */
  public boolean exclusiveObject(String deviceObjectId) {
    return exclusiveObject.getOrDefault(deviceObjectId, false);
  }

  /** The device type of {@code deviceObjectId} as the I/O manager sees it (FILE_DEVICE_UNKNOWN when unsaid). */
  public int deviceType(String deviceObjectId) {
    return deviceTypes.getOrDefault(deviceObjectId, OpenRequest.FILE_DEVICE_UNKNOWN);
  }

  // ---------------------------------------------------------------- run

  /**
   * Resolves {@code step} into one request ({@code <scenario>#<step id>}), asks {@code decider},
   * applies an allow (binds the handle, counts the open, records the object) and returns both. A
   * deny changes nothing. A {@code close} step is applied without a request.
   *
   * @throws SimulationException when the step names something the package does not declare
   * @throws IllegalStateException when the decider returns no decision
   */
  public StepResult run(Step step, Function<Request, ? extends Decided> decider) {
    Scenario.Action a = step.action();
    if (a instanceof Scenario.Close c) {
      close(c.handle());
      return new StepResult(step, null, null);
    }
    if (a instanceof Scenario.Forward f) {
      return forward(step, f, decider);
    }
    Request request = resolve(step);
    Decided outcome = decide(decider, request);
    if (outcome.decision().allowed()) {
      apply(step, request, outcome.decision());
    }
    return StepResult.of(step, request, outcome);
  }

  private static Decided decide(Function<Request, ? extends Decided> decider, Request request) {
    Decided outcome = decider.apply(request);
    if (outcome == null || outcome.decision() == null) {
      throw new IllegalStateException("the decider gave no decision for `" + request.id() + "`");
    }
    return outcome;
  }

  /**
   * A forward is an IOCTL's IRP inside the driver: the IOCTL on the same handle and code is
   * decided first (IOCTL-2/4/5, unknown code), by the same rules as an {@code ioctl} step, and only
   * an allowed one reaches the forward rules; otherwise the IOCTL's denial is the step's decision.
   * (Windows: "Security Issues for I/O Control Codes" and "Defining I/O Control Codes" — the I/O
   * manager checks the code's RequiredAccess against the handle before any driver sees the IRP.)
   */
  private StepResult forward(Step step, Scenario.Forward f, Function<Request, ? extends Decided> decider) {
    String id = scenarioName + "#" + step.id();
    if (!handles.containsKey(f.handle())) {
      // no IRP at all: the forward rules answer the handle that is not open themselves
      ForwardRequest request = forward(id, step, f, null);
      return StepResult.of(step, request, decide(decider, request));
    }
    Decided ioctl = decide(decider, ioctl(id, step, new Scenario.Ioctl(f.handle(), f.code(), f.owner())));
    ForwardRequest request = forward(id, step, f, ioctl.decision());
    return StepResult.of(step, request, ioctl.decision().allowed() ? decide(decider, request) : ioctl);
  }

  /**
   * The request {@code step} resolves to in the current state, without running it (null for
   * {@code close}). A {@code forward} resolves without its IOCTL decided, so deciding it alone
   * denies it; {@link #run} decides the IOCTL first.
   */
  public Request resolve(Step step) {
    String id = scenarioName + "#" + step.id();
    Scenario.Action a = step.action();
    if (a instanceof Scenario.Open o) {
      return open(id, step, o);
    } else if (a instanceof Scenario.RelativeOpen r) {
      return relativeOpen(id, step, r);
    } else if (a instanceof Scenario.Ioctl i) {
      return ioctl(id, step, i);
    } else if (a instanceof Scenario.Forward f) {
      return forward(id, step, f, null);
    } else if (a instanceof Scenario.CreateObject c) {
      return createObject(id, step, c);
    } else if (a instanceof Scenario.OpenObject o) {
      return openObject(id, step, o);
    }
    return null;
  }

  /**
   * Where {@code step}'s request comes from, for the findings a hole reports: this package, and the
   * step's line, or the package's manifest (its directory for a bare INF) for a step read from no file.
   */
  private Origin origin(Step step) {
    if (step.location() != null) {
      return Origin.of(pkg.name(), step.location());
    }
    java.nio.file.Path where = pkg.manifestFile() != null ? pkg.manifestFile() : pkg.directory();
    return Origin.of(pkg.name(), where == null ? null : SourceLocation.of(where.toString(), 0));
  }

  private OpenRequest open(String id, Step step, Scenario.Open o) {
    String path = o.path();
    String lower = path.toLowerCase(Locale.ROOT);
    DeviceObject target = null;
    String remainder = "";
    if (lower.startsWith(DEVICE_PREFIX)) {
      for (Map.Entry<String, DeviceObject> e : names) {
        String n = e.getKey();
        if (lower.startsWith(n) && (lower.length() == n.length() || lower.charAt(n.length()) == '\\')) {
          target = e.getValue();
          remainder = path.substring(n.length());
          break;
        }
      }
    }
    if (target == null) {
      return notFound(id, step, o.as().name(), o.as().token(), OpenKind.DIRECT, path, o.access());
    }
    OpenKind kind = remainder.isEmpty() ? OpenKind.DIRECT : OpenKind.NAMESPACE;
    SecurityDescriptor device = descriptorOf(target);
    return request(id, step, o.as().name(), o.as().token(), kind, path, target, remainder, o.access(), device,
        o.fileDescriptor() != null ? o.fileDescriptor() : device);
  }

  private OpenRequest relativeOpen(String id, Step step, Scenario.RelativeOpen r) {
    HandleState h = handles.get(r.handle());
    Principal owner = r.owner();
    String principal = r.as() != null ? r.as().name() : h != null ? h.principal() : owner != null ? owner.name() : null;
    Token token = r.as() != null ? r.as().token() : h != null ? h.token() : owner != null ? owner.token() : NOBODY;
    if (h == null) {
      HandleState old = closed.get(r.handle());
      return notFound(id, step, principal, token, OpenKind.RELATIVE, old == null ? "" : old.path(),
          r.access() == null ? 0 : r.access());
    }
    DeviceObject d = pkg.deviceObjects().stream().filter(x -> x.id().equals(h.deviceObjectId())).findFirst().orElseThrow();
    return request(id, step, principal, token, OpenKind.RELATIVE, h.path(), d, "",
        r.access() != null ? r.access() : h.grantedAccess(), descriptorOf(d), h.fileDescriptor());
  }

  private OpenRequest request(String id, Step step, String principal, Token token, OpenKind kind, String path,
      DeviceObject d, String remainder, int access, SecurityDescriptor device, SecurityDescriptor file) {
    DeviceStack s = stackOf.get(d.id());
    return OpenRequest.builder().id(id).as(principal, token).openKind(kind).path(path)
        .deviceObjectId(d.id()).stack(s.name()).remainder(remainder).desiredAccess(access)
        .deviceDescriptor(device).fileDescriptor(file)
        .secureOpen(s.secureOpen()).namespaceSupported(namespaceSupported)
        .failsNamespaceOpen(dispatch.failsNamespaceOpen()).checksFileAcl(dispatch.checksFileAcl())
        .failsRelatedOpen(dispatch.failsRelatedOpen())
        .exclusiveFlag(exclusiveObject(d.id())).driverEnforcesExclusive(dispatch.enforcesExclusive())
        .openHandles(openHandlesOn(d.id())).deviceType(deviceType(d.id())).stackHandles(openHandles(s.name()))
        .origin(origin(step)).build();
  }

  private OpenRequest notFound(String id, Step step, String principal, Token token, OpenKind kind, String path,
      int access) {
    return OpenRequest.builder().id(id).as(principal, token).openKind(kind).path(path).found(false)
        .desiredAccess(access).origin(origin(step)).build();
  }

  private SecurityDescriptor descriptorOf(DeviceObject d) {
    EffectiveDescriptor e = model.effectiveDescriptors().get(d.id());
    return e == null ? null : e.descriptor();
  }

  private IoctlRequest ioctl(String id, Step step, Scenario.Ioctl i) {
    HandleState h = handles.get(i.handle());
    IoctlDefinition def = ScenarioReader.ioctlOf(i.code(), pkg);
    CtlCode code = def != null ? def.code() : ScenarioReader.parseCode(i.code());
    if (code == null) {
      throw new SimulationException(step.location(), step.id(),
          "`" + i.code() + "` is neither an IOCTL of package `" + pkg.name() + "` nor a control code");
    }
    return IoctlRequest.builder().id(id).principal(h != null ? h.principal() : ownerName(i.owner()))
        .handle(h != null ? h.name() : null).ioctlName(def != null ? def.name() : i.code()).code(code)
        .known(def != null).grantedAccess(h != null ? h.grantedAccess() : 0)
        .validatesAccess(def != null ? def.validatesAccess() : List.of())
        .requiresValidatedRight(target.requiresValidatedRight()).origin(origin(step)).build();
  }

  private ForwardRequest forward(String id, Step step, Scenario.Forward f, Decision ioctl) {
    HandleState h = handles.get(f.handle());
    IoctlDefinition def = ScenarioReader.ioctlOf(f.code(), pkg);
    if (def == null && ScenarioReader.parseCode(f.code()) == null) {
      throw new SimulationException(step.location(), step.id(),
          "`" + f.code() + "` is neither an IOCTL of package `" + pkg.name() + "` nor a control code");
    }
    Token token = h != null ? h.token() : f.owner() != null ? f.owner().token() : NOBODY;
    return ForwardRequest.builder().id(id).as(h != null ? h.principal() : ownerName(f.owner()), token)
        .handle(h != null ? h.name() : null).ioctlName(def != null ? def.name() : f.code())
        .requiredPrivilege(def != null ? def.requiresPrivilege() : null)
        .driverChecksPrivilege(def != null && def.checksPrivilege()).forwardsDown(def != null && def.forwardsDown())
        .ioctlDecision(ioctl).origin(origin(step)).build();
  }

  private static String ownerName(Principal owner) {
    return owner == null ? null : owner.name();
  }

  /**
   * A create of a name that exists opens the existing object: the Win32 create calls then ask for
   * the type's all-access right (MUTEX_ALL_ACCESS, EVENT_ALL_ACCESS, …) and are access-checked
   * against the object's descriptor like any open (learn.microsoft.com, CreateMutexW and
   * CreateEventW, parameter lpName).
   */
  private Request createObject(String id, Step step, Scenario.CreateObject c) {
    KernelObjectDef def = declared(step, c.object());
    String principal = principalOf(c.context(), c.as());
    Token token = tokenOf(c.context(), c.as());
    KernelObjectState existing = objects.get(objectKey(def.name(), c.context()));
    if (existing != null) {
      return ObjectOpenRequest.builder().id(id).as(principal, token).objectName(def.name()).type(def.type())
          .descriptor(existing.descriptor()).creatorContext(existing.creatorContext().id()).context(c.context().id())
          .desiredAccess(def.type().mapping().all()).viaCreate(true).origin(origin(step)).build();
    }
    boolean nullDescriptor = def.sddl() == null;
    SecurityDescriptor sd = nullDescriptor ? defaultDacl(token) : parseOrNull(def.sddl());
    return ObjectCreateRequest.builder().id(id).as(principal, token).objectName(def.name()).type(def.type())
        .context(c.context().id()).nullDescriptor(nullDescriptor).descriptor(sd).origin(origin(step))
        .outsideSessionZero(outsideSessionZero(c.context())).build();
  }

  private ObjectOpenRequest openObject(String id, Step step, Scenario.OpenObject o) {
    KernelObjectDef def = declared(step, o.object());
    String key = objectKey(def.name(), o.context());
    KernelObjectState existing = objects.get(key);
    // not found here: the context that made one of this name in the other namespace, for the reason
    KernelObjectState creator = existing != null ? existing : elsewhere(key);
    return ObjectOpenRequest.builder().id(id).as(principalOf(o.context(), o.as()), tokenOf(o.context(), o.as()))
        .objectName(def.name()).type(def.type()).found(existing != null)
        .descriptor(existing == null ? null : existing.descriptor())
        .creatorContext(creator == null ? null : creator.creatorContext().id()).context(o.context().id())
        .desiredAccess(o.access()).origin(origin(step)).build();
  }

  private KernelObjectDef declared(Step step, String name) {
    KernelObjectDef def = ScenarioReader.kernelObjectOf(name, pkg);
    if (def == null) {
      throw new SimulationException(step.location(), step.id(),
          "`" + name + "` is not a kernel object of package `" + pkg.name() + "`");
    }
    return def;
  }

  private static String principalOf(Context context, Principal as) {
    if (context == Context.EVENT_MONITOR || as == null) {
      return EVENT_MONITOR_PRINCIPAL;
    }
    return as.name();
  }

  /** STI-1: the application runs as its user, the event monitor as LocalSystem. */
  private static Token tokenOf(Context context, Principal as) {
    if (context == Context.EVENT_MONITOR || as == null) {
      return Token.localSystem();
    }
    return as.token();
  }

  /**
   * The descriptor a named object created with a NULL descriptor gets: the creator token's default
   * DACL. LocalSystem: {@value #LOCAL_SYSTEM_DEFAULT_DACL}; any other user:
   * {@code D:(A;;GA;;;<user>)(A;;GA;;;SY)} (STI-2).
   */
  public static SecurityDescriptor defaultDacl(Token creator) {
    if (creator.user().equals(Sid.LOCAL_SYSTEM)) {
      return Sddl.parse(LOCAL_SYSTEM_DEFAULT_DACL);
    }
    return Sddl.parse(String.format(Locale.ROOT, USER_DEFAULT_DACL, creator.user()));
  }

  private static SecurityDescriptor parseOrNull(String sddl) {
    try {
      return Sddl.parse(sddl);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- apply

  private void apply(Step step, Request request, Decision decision) {
    if (request instanceof OpenRequest o) {
      if (!o.found()) {
        return;
      }
      version++;
      openCounts.merge(o.stack(), 1, Integer::sum);
      objectCounts.merge(o.deviceObjectId(), 1, Integer::sum);
      if (step.handle() != null) {
        HandleState h = new HandleState(step.handle(), o.deviceObjectId(), o.stack(), o.path(),
            decision.grantedAccess(), o.principal(), o.token(), o.fileDescriptor());
        closed.remove(step.handle());
        // an open handle bound to the same name stays open (leaked), as when a program overwrites
        // its handle variable; only its name is reused
        handles.put(step.handle(), h);
      }
    } else if (request instanceof ObjectCreateRequest c) {
      if (!c.exists()) {
        version++;
        Scenario.CreateObject action = (Scenario.CreateObject) step.action();
        objects.put(objectKey(c.objectName(), action.context()), new KernelObjectState(c.objectName(), c.type(),
            action.context(), c.principal(), c.nullDescriptor(), c.descriptor()));
      }
    }
  }

  private void close(String name) {
    HandleState h = handles.remove(name);
    if (h == null) {
      return;
    }
    version++;
    openCounts.computeIfPresent(h.stack(), (k, v) -> v <= 1 ? null : v - 1);
    objectCounts.computeIfPresent(h.deviceObjectId(), (k, v) -> v <= 1 ? null : v - 1);
    closed.put(name, h);
  }
}
