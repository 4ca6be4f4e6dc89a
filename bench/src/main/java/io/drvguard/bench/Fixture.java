package io.drvguard.bench;

import io.drvguard.adapters.InputException;
import io.drvguard.adapters.PackageLocator;
import io.drvguard.adapters.PackageReader;
import io.drvguard.adapters.scenario.Scenario;
import io.drvguard.adapters.scenario.Scenario.Principal;
import io.drvguard.adapters.scenario.Scenario.Step;
import io.drvguard.facts.policy.Target;
import io.drvguard.adapters.sim.DeviceModel;
import io.drvguard.engine.Engine;
import io.drvguard.facts.ioctl.CtlCode;
import io.drvguard.facts.ioctl.Method;
import io.drvguard.facts.ioctl.RequiredAccess;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.IoctlDefinition;
import io.drvguard.facts.policy.PackageModel;
import io.drvguard.facts.policy.PolicySettings;
import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.IoctlRequest;
import io.drvguard.facts.request.OpenRequest;
import io.drvguard.facts.request.Request;
import io.drvguard.facts.security.AccessMask;
import io.drvguard.facts.security.Sid;
import io.drvguard.facts.security.Token;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The benchmark fixture: the {@code contoso-hub} package (bundled under {@code fixture/}: four PnP
 * stacks with PDO, filters and FDO, a control device, 24 IOCTLs with mixed required access), seven
 * principals, and request generators with a fixed seed. Requests are resolved by the device
 * model ({@link DeviceModel#resolve}) exactly as {@code drvguard simulate} resolves scenario steps,
 * so drvguard, the reference and the peer all decide the same records.
 *
 * <p>Opens are DIRECT opens ({@code \Device\Name}) of the five named device objects (and a few names
 * that do not exist); IOCTLs are sent on handles that the engine allowed opening.
 */
public final class Fixture {
  public static final String PACKAGE = "contoso-hub";
  public static final long SEED = 0x5EED_D1A6L;
  private static final String[] FILES = {"drvguard.yaml", "contosohub.inf"};

  /** Desired accesses of the generated opens (0: a native zero-access open, which SeAccessCheck denies). */
  static final int[] ACCESSES = {
      AccessMask.FILE_READ_DATA,
      AccessMask.FILE_WRITE_DATA,
      AccessMask.FILE_READ_DATA | AccessMask.FILE_WRITE_DATA,
      AccessMask.GENERIC_READ,
      AccessMask.GENERIC_WRITE,
      AccessMask.GENERIC_READ | AccessMask.GENERIC_WRITE,
      AccessMask.GENERIC_ALL,
      AccessMask.FILE_READ_ATTRIBUTES,
      AccessMask.FILE_READ_DATA | AccessMask.SYNCHRONIZE,
      AccessMask.GENERIC_EXECUTE,
      AccessMask.DELETE,
      AccessMask.READ_CONTROL,
      AccessMask.WRITE_DAC,
      0,
  };

  /** The accesses handles are opened with before IOCTLs are sent on them. */
  static final int[] HANDLE_ACCESSES = {
      AccessMask.FILE_READ_DATA,
      AccessMask.FILE_WRITE_DATA,
      AccessMask.FILE_READ_DATA | AccessMask.FILE_WRITE_DATA,
      AccessMask.GENERIC_READ,
      AccessMask.FILE_READ_ATTRIBUTES,
      AccessMask.SYNCHRONIZE | AccessMask.FILE_READ_ATTRIBUTES,  // CreateFile asking for no access
  };

  private final Path directory;
  private final DriverPackage pkg;
  private final List<Principal> principals;
  private final List<String> deviceNames;

  private Fixture(Path directory, DriverPackage pkg) {
    this.directory = directory;
    this.pkg = pkg;
    this.principals = principals();
    this.deviceNames = List.of(
        "\\Device\\CtsoHub0Pdo", "\\Device\\CtsoHub1Pdo", "\\Device\\CtsoPort2Pdo", "\\Device\\CtsoSensor3",
        "\\Device\\CtsoHubControl");
  }

  /** Copies the bundled package to a temporary directory and reads it. */
  public static Fixture load() {
    try {
      Path dir = Files.createTempDirectory("drvguard-bench-").resolve(PACKAGE);
      Files.createDirectories(dir);
      for (String f : FILES) {
        try (InputStream in = Fixture.class.getResourceAsStream("/fixture/" + PACKAGE + "/" + f)) {
          if (in == null) {
            throw new IllegalStateException("fixture file `" + f + "` is missing from the class path");
          }
          Files.copy(in, dir.resolve(f));
        }
      }
      return new Fixture(dir, new PackageReader().read(PackageLocator.inputs(dir).get(0)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InputException e) {
      throw new IllegalStateException("fixture does not read: " + e.getMessage(), e);
    }
  }

  public Path directory() {
    return directory;
  }

  public DriverPackage pkg() {
    return pkg;
  }

  public List<Principal> principalList() {
    return principals;
  }

  public List<String> deviceNames() {
    return deviceNames;
  }

  private static List<Principal> principals() {
    Sid local = Token.LOCAL;
    List<Principal> p = new ArrayList<>();
    p.add(new Principal("alice", Token.interactiveUser(Sid.parse("S-1-5-21-1-2-3-1001"))));
    p.add(new Principal("bob", Token.of(Sid.parse("S-1-5-21-1-2-3-1002"), Sid.EVERYONE, Sid.NETWORK,
        Sid.BUILTIN_USERS, Sid.AUTHENTICATED_USERS)));
    p.add(new Principal("admin", Token.of(Sid.parse("S-1-5-21-1-2-3-500"), Sid.EVERYONE, local, Sid.INTERACTIVE,
        Sid.BUILTIN_ADMINISTRATORS, Sid.AUTHENTICATED_USERS).withPrivileges(Token.SE_LOAD_DRIVER_PRIVILEGE)));
    p.add(new Principal("localService", Token.of(Sid.LOCAL_SERVICE, Sid.EVERYONE, Sid.SERVICE,
        Sid.AUTHENTICATED_USERS)));
    p.add(new Principal("networkService", Token.of(Sid.NETWORK_SERVICE, Sid.EVERYONE, Sid.SERVICE,
        Sid.AUTHENTICATED_USERS)));
    p.add(new Principal("system", Token.localSystem()));
    p.add(new Principal("guest", Token.of(Sid.parse("S-1-5-21-1-2-3-501"), Sid.EVERYONE, Sid.BUILTIN_GUESTS)));
    return List.copyOf(p);
  }

  private DeviceModel model() {
    return new DeviceModel("bench", pkg, PackageModel.of(pkg, PolicySettings.DEFAULTS), Target.WIN10);
  }

  /** {@code n} DIRECT opens: random principal, device (1 in 32 a name that does not exist), access. */
  public List<OpenRequest> opens(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    DeviceModel model = model();
    List<OpenRequest> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Principal who = principals.get(rnd.nextInt(principals.size()));
      String path = rnd.nextInt(32) == 0
          ? "\\Device\\CtsoMissing" + rnd.nextInt(4)
          : deviceNames.get(rnd.nextInt(deviceNames.size()));
      int access = ACCESSES[rnd.nextInt(ACCESSES.length)];
      Step step = new Step("o" + i, new Scenario.Open(who, path, access, null), null, null, null);
      out.add((OpenRequest) model.resolve(step));
    }
    return out;
  }

  /**
   * {@code n} IOCTLs on handles the {@code opener} (the engine) allowed: every principal opens every
   * device with each of {@link #HANDLE_ACCESSES}; each IOCTL picks a random open handle and one of
   * the 24 IOCTLs (1 in 25 a control code the driver does not define).
   */
  public List<IoctlRequest> ioctls(int n, long seed, Function<Request, Decision> opener) {
    SplittableRandom rnd = new SplittableRandom(seed);
    DeviceModel model = model();
    List<String> handles = new ArrayList<>();
    int h = 0;
    for (Principal who : principals) {
      for (String path : deviceNames) {
        for (int access : HANDLE_ACCESSES) {
          String name = "h" + (h++);
          Step open = new Step("open-" + name, new Scenario.Open(who, path, access, null), name, null, null);
          if (model.run(open, opener).decision().allowed()) {
            handles.add(name);
          }
        }
      }
    }
    if (handles.isEmpty()) {
      throw new IllegalStateException("no open was allowed: no handle to send IOCTLs on");
    }
    List<IoctlDefinition> defs = pkg.ioctls();
    List<IoctlRequest> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String handle = handles.get(rnd.nextInt(handles.size()));
      int pick = rnd.nextInt(defs.size() + 1);
      String code = pick < defs.size()
          ? defs.get(pick).name()
          : String.format(Locale.ROOT, "0x%08X",
              CtlCode.of(0x8001, 0x8F0 + rnd.nextInt(8), Method.BUFFERED, RequiredAccess.ANY).value());
      Step step = new Step("i" + i, new Scenario.Ioctl(handle, code, null), null, null, null);
      out.add((IoctlRequest) model.resolve(step));
    }
    return out;
  }

  /** {@code n} requests, opens and IOCTLs alternating. */
  public List<Request> mixed(int n, long seed, Function<Request, Decision> opener) {
    List<OpenRequest> o = opens((n + 1) / 2, seed);
    List<IoctlRequest> io = ioctls(n / 2, seed + 1, opener);
    List<Request> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(i % 2 == 0 ? o.get(i / 2) : io.get(i / 2));
    }
    return out;
  }

  /** An engine over the bundled rules; wraps the checked exception. */
  public static Engine engine() {
    try {
      return Engine.withBundledRules();
    } catch (Exception e) {
      throw new IllegalStateException("bundled rules do not build: " + e.getMessage(), e);
    }
  }
}
