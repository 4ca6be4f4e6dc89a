package io.drvguard.adapters.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.adapters.PackageReader;
import io.drvguard.adapters.scenario.Context;
import io.drvguard.adapters.scenario.Scenario;
import io.drvguard.adapters.scenario.Scenario.Principal;
import io.drvguard.adapters.scenario.Scenario.Step;
import io.drvguard.adapters.scenario.ScenarioFixtures;
import io.drvguard.facts.policy.Target;
import io.drvguard.facts.ioctl.CtlCode;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.KernelObjectType;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.policy.DescriptorSource;
import io.drvguard.facts.policy.PackageModel;
import io.drvguard.facts.policy.PolicySettings;
import io.drvguard.facts.request.Decision;
import io.drvguard.facts.request.ForwardRequest;
import io.drvguard.facts.request.IoctlRequest;
import io.drvguard.facts.request.NtStatus;
import io.drvguard.facts.request.ObjectCreateRequest;
import io.drvguard.facts.request.ObjectOpenRequest;
import io.drvguard.facts.request.OpenKind;
import io.drvguard.facts.request.OpenRequest;
import io.drvguard.facts.request.Origin;
import io.drvguard.facts.request.Request;
import io.drvguard.facts.request.Verdict;
import io.drvguard.facts.security.AccessMask;
import io.drvguard.facts.security.Sddl;
import io.drvguard.facts.security.SecurityDescriptor;
import io.drvguard.facts.security.Sid;
import io.drvguard.facts.security.Token;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceModelTest {
  /**
   * Three stacks: {@code main}, a secure-open PDO under a filter that drops the flag (NS-11; the PDO
   * is not raw, so the PnP manager does not take its flag for the stack and the top stays without it);
   * {@code keep}, the same with a filter that copies it; {@code ctl}, an exclusive control object.
   */
  static final String MANIFEST = """
      driver:
        name: toastbus
        role: bus
        namespace: true
        dispatch:
          failsRelatedOpen: true
          failsNamespaceOpen: false
          checksFileAcl: true
          enforcesExclusive: false
      deviceObjects:
        - id: pdo0
          kind: pdo
          stack: main
          rawMode: false
          name: '\\Device\\ToastPdo0'
          createdWith: IoCreateDeviceSecure
          sddl: 'D:P(A;;GA;;;SY)'
          classGuid: '{b85b7c50-6a01-11d2-b841-00c04fad5171}'
          characteristics: [FILE_DEVICE_SECURE_OPEN]
        - id: filter0
          kind: filter
          stack: main
          copiesLowerCharacteristics: false
        - id: pdo1
          kind: pdo
          stack: keep
          name: '\\Device\\ToastPdo1'
          createdWith: IoCreateDeviceSecure
          sddl: 'D:P(A;;GA;;;SY)(A;;GR;;;BU)'
          classGuid: '{b85b7c50-6a01-11d2-b841-00c04fad5171}'
          characteristics: [FILE_DEVICE_SECURE_OPEN]
        - id: filter1
          kind: filter
          stack: keep
          copiesLowerCharacteristics: true
        - id: ctl
          kind: control
          stack: ctl
          name: '\\Device\\ToastCtl'
          createdWith: IoCreateDeviceSecure
          sddl: 'D:P(A;;GA;;;SY)(A;;GRGW;;;WD)'
          classGuid: '{b85b7c50-6a01-11d2-b841-00c04fad5171}'
          exclusive: true
      ioctls:
        - name: IOCTL_TOAST_EJECT
          code: 'CTL_CODE(FILE_DEVICE_BUS_EXTENDER, 0x801, METHOD_BUFFERED, FILE_WRITE_DATA)'
          userMode: true
          changesState: true
          validatesAccess: [FILE_WRITE_ACCESS]
          forwardsDown: true
          requiresPrivilege: SeLoadDriverPrivilege
          checksPrivilege: true
        - name: IOCTL_TOAST_QUERY
          code: 'CTL_CODE(FILE_DEVICE_BUS_EXTENDER, 0x802, METHOD_BUFFERED, FILE_ANY_ACCESS)'
          userMode: true
          justification: 'status only'
      kernelObjects:
        - name: 'Global\\ScanLock'
          type: mutex
          sddl: null
          sharedBetween: [application, eventMonitor]
        - name: 'Global\\ScanEvent'
          type: event
          sddl: 'D:(A;;GA;;;WD)'
          sharedBetween: [application, eventMonitor]
      """;

  static final Token ALICE_TOKEN = Token.interactiveUser(Sid.parse("S-1-5-21-1-2-3-1001"));
  static final Principal ALICE = new Principal("alice", ALICE_TOKEN);
  static final Principal BOB = new Principal("bob", Token.interactiveUser(Sid.parse("S-1-5-21-1-2-3-1002")));
  static final SecurityDescriptor SYS_ALL = Sddl.parse("D:P(A;;GA;;;SY)");
  /** Where every step of these tests is: a hole its request shows is reported against package and line. */
  static final Origin AT_STEP = Origin.of("toastbus", SourceLocation.of("demo.scenario.yaml", 10));

  @TempDir Path dir;
  DriverPackage pkg;
  PackageModel packageModel;
  DeviceModel model;
  final List<Request> seen = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    pkg = new PackageReader().read(ScenarioFixtures.pkg(dir, "toastbus", MANIFEST));
    packageModel = PackageModel.of(pkg, PolicySettings.DEFAULTS);
    model = new DeviceModel("demo", pkg, packageModel, Target.WIN10);
  }

  // ------------------------------------------------------------------ deciders

  static int granted(Request r) {
    return r instanceof OpenRequest o ? o.desiredAccess() : r instanceof ObjectOpenRequest oo ? oo.desiredAccess() : 0;
  }

  Function<Request, Decision> allow() {
    return r -> {
      seen.add(r);
      return new Decision(r.id(), Verdict.ALLOW, NtStatus.STATUS_SUCCESS, granted(r), r.defaultRequirement(), "test-allow", "allowed", List.of("test-allow"));
    };
  }

  Function<Request, Decision> allowGranting(int access) {
    return r -> {
      seen.add(r);
      return new Decision(r.id(), Verdict.ALLOW, NtStatus.STATUS_SUCCESS, access, r.defaultRequirement(), "test-allow", "allowed", List.of());
    };
  }

  Function<Request, Decision> deny() {
    return r -> {
      seen.add(r);
      return new Decision(r.id(), Verdict.DENY, NtStatus.STATUS_ACCESS_DENIED, 0, r.defaultRequirement(), "test-deny", "denied", List.of());
    };
  }

  // ------------------------------------------------------------------ steps


  static Step step(String id, Scenario.Action action, String handle) {
    return new Step(id, action, handle, null, SourceLocation.of("demo.scenario.yaml", 10));
  }

  static Step open(String id, Principal as, String path, int access, String handle) {
    return step(id, new Scenario.Open(as, path, access, null), handle);
  }

  OpenRequest runOpen(String id, String path, int access, String handle, Function<Request, Decision> decider) {
    return (OpenRequest) model.run(open(id, ALICE, path, access, handle), decider).request();
  }

  // ------------------------------------------------------------------ opens

  @Test
  void directOpenCarriesTheEffectiveDescriptorAndTheTopOfStackFlags() {
    StepResult r = model.run(open("s1", ALICE, "\\Device\\ToastPdo0", AccessMask.FILE_READ_DATA, "h1"), deny());
    OpenRequest expected = OpenRequest.builder().id("demo#s1").as("alice", ALICE_TOKEN).path("\\Device\\ToastPdo0")
        .deviceObjectId("pdo0").stack("main").desiredAccess(AccessMask.FILE_READ_DATA)
        .deviceDescriptor(SYS_ALL).fileDescriptor(SYS_ALL).namespaceSupported(true).checksFileAcl(true)
        .failsRelatedOpen(true).origin(AT_STEP).build();
    assertEquals(expected, r.request());
    assertEquals("open", r.request().kind());
    assertEquals(DescriptorSource.CREATION, packageModel.effectiveDescriptors().get("pdo0").source());
    assertEquals(Verdict.DENY, r.decision().verdict());
    assertTrue(model.handles().isEmpty(), "a denied open binds nothing");
    assertEquals(0, model.openHandles("main"));
  }

  @Test
  void namespaceOpensKeepTheRemainderAndMatchNamesInAnyCase() {
    OpenRequest dirOpen = runOpen("s1", "\\Device\\ToastPdo0\\", 1, null, deny());
    assertEquals(OpenKind.NAMESPACE, dirOpen.openKind());
    assertEquals("\\", dirOpen.remainder());
    assertEquals("pdo0", dirOpen.deviceObjectId());
    assertFalse(dirOpen.secureOpen(), "filter0 does not copy FILE_DEVICE_SECURE_OPEN from the PDO (NS-11)");

    OpenRequest file = runOpen("s2", "\\DEVICE\\toastpdo1\\Dir\\File.txt", 1, null, deny());
    assertEquals(OpenKind.NAMESPACE, file.openKind());
    assertEquals("\\Dir\\File.txt", file.remainder());
    assertEquals("\\DEVICE\\toastpdo1\\Dir\\File.txt", file.path());
    assertEquals("pdo1", file.deviceObjectId());
    assertEquals("keep", file.stack());
    assertTrue(file.secureOpen(), "filter1 copies the flag, so the top of `keep` has it");
    assertEquals(Sddl.parse("D:P(A;;GA;;;SY)(A;;GR;;;BU)"), file.deviceDescriptor());
    assertEquals(file.deviceDescriptor(), file.fileDescriptor(), "no fileSddl: the device's descriptor");

    OpenRequest withFile = (OpenRequest) model.run(step("s3", new Scenario.Open(ALICE, "\\Device\\ToastPdo1\\f", 1,
        Sddl.parse("D:P(A;;FA;;;WD)")), null), deny()).request();
    assertEquals(Sddl.parse("D:P(A;;FA;;;WD)"), withFile.fileDescriptor());
    assertEquals(Sddl.parse("D:P(A;;GA;;;SY)(A;;GR;;;BU)"), withFile.deviceDescriptor());
  }

  @Test
  void unknownNamesAreNotFound() {
    for (String path : List.of("\\Device\\Nope", "\\Device\\ToastPdo00", "\\Device\\ToastPdo0x\\y", "\\GLOBAL??\\ToastPdo0",
        "ToastPdo0", "\\Device\\")) {
      OpenRequest r = runOpen("s", path, 1, "h", allow());
      assertEquals(OpenRequest.builder().id("demo#s").as("alice", ALICE_TOKEN).path(path).found(false).desiredAccess(1)
          .origin(AT_STEP).build(), r, path);
    }
    assertTrue(model.handles().isEmpty(), "an allowed open of nothing binds nothing");
    assertEquals(List.of("\\Device\\ToastCtl", "\\Device\\ToastPdo0", "\\Device\\ToastPdo1"), model.namespace());
    assertEquals("ctl", model.lookup("\\device\\toastctl").orElseThrow().id());
  }

  @Test
  void aStepReadFromNoFileComesFromThePackagesManifest() {
    Request r = model.resolve(new Step("x", new Scenario.Open(ALICE, "\\Device\\ToastPdo0", 1, null), null, null, null));
    assertEquals(Origin.of("toastbus", SourceLocation.of(pkg.manifestFile().toString(), 0)), r.origin());
  }

  @Test
  void exclusiveFlagComesFromTheManifest() {
    assertTrue(runOpen("a", "\\Device\\ToastCtl", 1, null, deny()).exclusiveFlag());
    assertFalse(runOpen("b", "\\Device\\ToastPdo0", 1, null, deny()).exclusiveFlag());
    assertTrue(model.exclusive("ctl"));
    assertFalse(model.exclusive("keep"));
  }

  @Test
  void exclusiveFlagComesFromTheInfOnACoveredStack() throws Exception {
    ScenarioFixtures.write(dir, "packages/ex/ex.inf", """
        [Version]
        Signature="$WINDOWS NT$"
        [Manufacturer]
        %Mfg%=Std,NTamd64
        [Std.NTamd64]
        %Desc%=Dev_Install, Root\\ExDev
        [Dev_Install.NTamd64]
        [Dev_Install.NTamd64.HW]
        AddReg = Dev_Sec
        [Dev_Sec]
        HKR,,Exclusive,0x10001,1
        HKR,,Security,,"D:P(A;;GA;;;SY)(A;;GRGW;;;BU)"
        [Strings]
        Mfg=M
        Desc=D
        """);
    DriverPackage ex = new PackageReader().read(ScenarioFixtures.pkg(dir, "ex", """
        driver:
          name: ex
          role: function
          inf: ex.inf
          exclusive: true
        deviceObjects:
          - id: pdo
            kind: pdo
            stack: s
            name: '\\Device\\ExPdo'
            createdWith: IoCreateDevice
          - id: fdo
            kind: fdo
            stack: s
          - id: lone
            kind: pdo
            stack: t
            name: '\\Device\\Lone'
            createdWith: IoCreateDevice
        """));
    DeviceModel m = new DeviceModel("ex", ex, PackageModel.of(ex, PolicySettings.DEFAULTS), Target.WIN10);
    OpenRequest r = (OpenRequest) m.run(open("s1", ALICE, "\\Device\\ExPdo", 1, null), deny()).request();
    assertTrue(r.exclusiveFlag());
    assertEquals(Sddl.parse("D:P(A;;GA;;;SY)(A;;GRGW;;;BU)"), r.deviceDescriptor(), "INF Security applies to the stack (M-1)");
    assertFalse(r.failsRelatedOpen(), "no dispatch section: the driver fails nothing");
    OpenRequest lone = (OpenRequest) m.run(open("s2", ALICE, "\\Device\\Lone", 1, null), deny()).request();
    assertFalse(lone.exclusiveFlag(), "the INF does not cover a stack of only a PDO");
    assertEquals(Sddl.parse(PolicySettings.PNP_DEFAULT_SDDL), lone.deviceDescriptor());
  }

  @Test
  void exclusivityIsCountedPerNamedDeviceObject() throws Exception {
    DriverPackage two = new PackageReader().read(ScenarioFixtures.pkg(dir, "two", """
        driver:
          name: two
          role: legacy
        deviceObjects:
          - id: a
            kind: legacy
            stack: s
            name: '\\Device\\TwoA'
            createdWith: IoCreateDeviceSecure
            sddl: 'D:P(A;;GA;;;WD)'
            exclusive: true
          - id: b
            kind: filter
            stack: s
            name: '\\Device\\TwoB'
            exclusive: true
        """));
    DeviceModel m = new DeviceModel("two", two, PackageModel.of(two, PolicySettings.DEFAULTS), Target.WIN10);
    OpenRequest first = (OpenRequest) m.run(open("s1", ALICE, "\\Device\\TwoA", 1, "h1"), allow()).request();
    assertEquals(0, first.openHandles());
    assertTrue(first.exclusiveFlag());
    OpenRequest again = (OpenRequest) m.run(open("s2", ALICE, "\\Device\\TwoA\\x", 1, null), deny()).request();
    assertEquals(1, again.openHandles(), "a namespace open counts against the named object");
    OpenRequest other = (OpenRequest) m.run(open("s3", ALICE, "\\Device\\TwoB", 1, null), deny()).request();
    assertEquals(0, other.openHandles(), "the other named object of the stack has its own count");
    assertEquals(1, other.stackHandles(), "the stack (what a driver counts) has the handle");
    m.run(step("s4", new Scenario.RelativeOpen("h1", null, null, ALICE), "h2"), allow());
    assertEquals(2, m.openHandlesOn("a"), "a relative open takes a reference on the handle's object");
    assertEquals(0, m.openHandlesOn("b"));
    m.run(step("c1", new Scenario.Close("h1"), null), allow());
    assertEquals(1, m.openHandlesOn("a"));
    assertEquals(1, m.openHandles("s"));
  }

  @Test
  void deviceTypeComesFromTheManifestAndTheInfOnTheCoveredPdo() throws Exception {
    ScenarioFixtures.write(dir, "packages/dt/dt.inf", """
        [Version]
        Signature="$WINDOWS NT$"
        [Manufacturer]
        %Mfg%=Std,NTamd64
        [Std.NTamd64]
        %Desc%=Dev_Install, Root\\DtDev
        [Dev_Install.NTamd64]
        [Dev_Install.NTamd64.HW]
        AddReg = Dev_Props
        [Dev_Props]
        HKR,,DeviceType,0x10001,7
        [Strings]
        Mfg=M
        Desc=D
        """);
    DriverPackage dt = new PackageReader().read(ScenarioFixtures.pkg(dir, "dt", """
        driver:
          name: dt
          role: function
          inf: dt.inf
        deviceObjects:
          - id: pdo
            kind: pdo
            stack: s
            name: '\\Device\\DtPdo'
            deviceType: FILE_DEVICE_UNKNOWN
          - id: fdo
            kind: fdo
            stack: s
          - id: cd
            kind: pdo
            stack: t
            name: '\\Device\\DtCd'
            deviceType: 0x2
          - id: plain
            kind: pdo
            stack: u
            name: '\\Device\\DtPlain'
        """));
    assertEquals(Integer.valueOf(0x22), dt.deviceObjects().get(0).deviceType());
    DeviceModel m = new DeviceModel("dt", dt, PackageModel.of(dt, PolicySettings.DEFAULTS), Target.WIN10);
    assertEquals(7, ((OpenRequest) m.run(open("s1", ALICE, "\\Device\\DtPdo\\x", 1, null), deny()).request())
        .deviceType(), "the INF's DeviceType applies to the PDO of the stack it installs");
    assertEquals(2, ((OpenRequest) m.run(open("s2", ALICE, "\\Device\\DtCd", 1, null), deny()).request()).deviceType(),
        "a stack of only a PDO is not covered by the INF");
    assertEquals(OpenRequest.FILE_DEVICE_UNKNOWN,
        ((OpenRequest) m.run(open("s3", ALICE, "\\Device\\DtPlain", 1, null), deny()).request()).deviceType());
  }

  @Test
  void openCountsMoveOnlyOnAllowAndClose() {
    assertEquals(0, runOpen("s1", "\\Device\\ToastCtl", 3, "h1", allowGranting(0x120089)).openHandles());
    assertEquals(1, model.openHandles("ctl"));
    DeviceModel.HandleState h1 = model.handle("h1").orElseThrow();
    assertEquals(new DeviceModel.HandleState("h1", "ctl", "ctl", "\\Device\\ToastCtl", 0x120089, "alice", ALICE_TOKEN,
        Sddl.parse("D:P(A;;GA;;;SY)(A;;GRGW;;;WD)")), h1);

    assertEquals(1, runOpen("s2", "\\Device\\ToastCtl", 1, "h2", deny()).openHandles());
    assertEquals(1, model.openHandles("ctl"), "a denied open counts nothing");
    assertTrue(model.handle("h2").isEmpty());

    assertEquals(1, runOpen("s3", "\\Device\\ToastCtl\\x", 1, null, allow()).openHandles());
    assertEquals(2, model.openHandles("ctl"), "an allowed open without a handle name still opens a handle");
    assertEquals(0, model.openHandles("main"));

    assertNull(model.run(step("c1", new Scenario.Close("h1"), null), r -> { throw new AssertionError("close is not decided"); }).request());
    assertEquals(1, model.openHandles("ctl"));
    assertTrue(model.handle("h1").isEmpty());
    assertEquals(h1, model.closedHandles().get("h1"));
    model.run(step("c2", new Scenario.Close("h1"), null), allow());
    assertEquals(1, model.openHandles("ctl"), "closing a closed handle does nothing");
  }

  @Test
  void relativeOpens() {
    runOpen("s1", "\\Device\\ToastPdo1", AccessMask.GENERIC_READ, "h1", allowGranting(0x120089));
    Scenario.RelativeOpen rel = new Scenario.RelativeOpen("h1", null, null, ALICE);
    StepResult r = model.run(step("s2", rel, "h2"), allow());
    SecurityDescriptor pdo1 = Sddl.parse("D:P(A;;GA;;;SY)(A;;GR;;;BU)");
    OpenRequest expected = OpenRequest.builder().id("demo#s2").as("alice", ALICE_TOKEN).openKind(OpenKind.RELATIVE)
        .path("\\Device\\ToastPdo1").deviceObjectId("pdo1").stack("keep").desiredAccess(0x120089)
        .deviceDescriptor(pdo1).fileDescriptor(pdo1).secureOpen(true).namespaceSupported(true).checksFileAcl(true)
        .failsRelatedOpen(true).openHandles(1).origin(AT_STEP).build();
    assertEquals(expected, r.request());
    assertEquals("relativeOpen", r.request().kind());
    assertEquals(2, model.openHandles("keep"));
    assertEquals(0x120089, model.handle("h2").orElseThrow().grantedAccess());

    OpenRequest asBob = (OpenRequest) model.run(step("s3", new Scenario.RelativeOpen("h1", BOB, 0x80, ALICE), null), deny()).request();
    assertEquals("bob", asBob.principal());
    assertEquals(BOB.token(), asBob.token());
    assertEquals(0x80, asBob.desiredAccess());

    model.run(step("c", new Scenario.Close("h1"), null), allow());
    OpenRequest closed = (OpenRequest) model.run(step("s4", rel, "h3"), allow()).request();
    assertEquals(OpenRequest.builder().id("demo#s4").as("alice", ALICE_TOKEN).openKind(OpenKind.RELATIVE)
        .path("\\Device\\ToastPdo1").found(false).origin(AT_STEP).build(), closed);
    assertTrue(model.handle("h3").isEmpty(), "allowing a relative open on a closed handle binds nothing");
    assertEquals(1, model.openHandles("keep"));

    runOpen("s5", "\\Device\\ToastPdo1", 1, "never", deny());
    OpenRequest never = (OpenRequest) model.run(step("s6", new Scenario.RelativeOpen("never", null, null, ALICE), null), deny()).request();
    assertFalse(never.found());
    assertEquals("", never.path());
    assertEquals("alice", never.principal());
  }

  // ------------------------------------------------------------------ IOCTLs and forwards

  @Test
  void ioctlsByNameByNumberAndUnknown() {
    runOpen("s1", "\\Device\\ToastPdo1", AccessMask.FILE_READ_DATA, "h1", allowGranting(0x120089));
    CtlCode eject = CtlCode.parse("CTL_CODE(FILE_DEVICE_BUS_EXTENDER, 0x801, METHOD_BUFFERED, FILE_WRITE_DATA)");
    IoctlRequest byName = (IoctlRequest) model.run(step("s2", new Scenario.Ioctl("h1", "IOCTL_TOAST_EJECT", ALICE), null), deny()).request();
    assertEquals(IoctlRequest.builder().id("demo#s2").principal("alice").handle("h1").ioctlName("IOCTL_TOAST_EJECT")
        .code(eject).grantedAccess(0x120089).validatesAccess(List.of("FILE_WRITE_ACCESS")).origin(AT_STEP).build(),
        byName);
    assertEquals(0x2AA004, eject.value());

    IoctlRequest byNumber = (IoctlRequest) model.run(step("s3", new Scenario.Ioctl("h1", "0x002A2008", ALICE), null), deny()).request();
    assertEquals("IOCTL_TOAST_QUERY", byNumber.ioctlName());
    assertTrue(byNumber.known());
    assertEquals(List.of(), byNumber.validatesAccess());
    assertEquals(0, byNumber.code().access());

    IoctlRequest unknown = (IoctlRequest) model.run(step("s4", new Scenario.Ioctl("h1", "0x222004", ALICE), null), deny()).request();
    assertEquals(IoctlRequest.builder().id("demo#s4").principal("alice").handle("h1").ioctlName("0x222004")
        .code(CtlCode.decode(0x222004)).known(false).grantedAccess(0x120089).origin(AT_STEP).build(), unknown);

    SimulationException e = assertThrows(SimulationException.class,
        () -> model.run(step("s5", new Scenario.Ioctl("h1", "IOCTL_NOPE", ALICE), null), allow()));
    assertTrue(e.getMessage().startsWith("demo.scenario.yaml:10: "), e.getMessage());
  }

  @Test
  void validatedRightDependsOnTheTarget() {
    for (Target t : Target.values()) {
      DeviceModel m = new DeviceModel("demo", pkg, packageModel, t);
      m.run(open("s1", ALICE, "\\Device\\ToastPdo1", 0, "h1"), allowGranting(0));
      IoctlRequest r = (IoctlRequest) m.run(step("s2", new Scenario.Ioctl("h1", "IOCTL_TOAST_QUERY", ALICE), null), deny()).request();
      assertEquals(t != Target.WIN2000 && t != Target.WINXP, r.requiresValidatedRight(), t.id());
      assertEquals(0, r.grantedAccess());
    }
  }

  @Test
  void ioctlOnAHandleThatIsNotOpenHasNoHandle() {
    runOpen("s1", "\\Device\\ToastPdo1", 1, "h1", deny());
    IoctlRequest r = (IoctlRequest) model.run(step("s2", new Scenario.Ioctl("h1", "IOCTL_TOAST_QUERY", ALICE), null), allow()).request();
    assertNull(r.handle());
    assertEquals("alice", r.principal());
    assertEquals(0, r.grantedAccess());
    ForwardRequest f = (ForwardRequest) model.run(step("s3", new Scenario.Forward("h1", "IOCTL_TOAST_EJECT", ALICE), null), allow()).request();
    assertNull(f.handle());
    assertEquals(ALICE_TOKEN, f.token());
  }

  @Test
  void forwardCarriesTheHandleTokenAndTheIoctlsPrivilegeFacts() {
    Principal admin = new Principal("admin", Token.interactiveUser(Sid.parse("S-1-5-21-1-2-3-500"))
        .withGroups(Sid.BUILTIN_ADMINISTRATORS).withPrivileges(Token.SE_LOAD_DRIVER_PRIVILEGE));
    model.run(open("s1", admin, "\\Device\\ToastPdo1", 3, "h1"), allow());
    seen.clear();
    StepResult r = model.run(step("s2", new Scenario.Forward("h1", "IOCTL_TOAST_EJECT", admin), null), allow());
    // the IOCTL on the same handle and code is decided first; the forward carries that decision
    IoctlRequest first = (IoctlRequest) seen.get(0);
    assertEquals("demo#s2", first.id());
    assertEquals("h1", first.handle());
    assertEquals("IOCTL_TOAST_EJECT", first.ioctlName());
    assertEquals(3, first.grantedAccess());
    Decision ioctlDecision = allow().apply(first);
    assertEquals(ForwardRequest.builder().id("demo#s2").as("admin", admin.token()).handle("h1")
        .ioctlName("IOCTL_TOAST_EJECT").requiredPrivilege("SeLoadDriverPrivilege").driverChecksPrivilege(true)
        .ioctlDecision(ioctlDecision).origin(AT_STEP).build(), r.request());
    assertEquals(r.request(), seen.get(1));
    seen.clear();
    StepResult q = model.run(step("s3", new Scenario.Forward("h1", "IOCTL_TOAST_QUERY", admin), null), allow());
    assertEquals(ForwardRequest.builder().id("demo#s3").as("admin", admin.token()).handle("h1")
        .ioctlName("IOCTL_TOAST_QUERY").forwardsDown(false).ioctlDecision(allow().apply(seen.get(0))).origin(AT_STEP)
        .build(), q.request());
    assertEquals("forward", q.request().kind());
  }

  @Test
  void aForwardWhoseIoctlIsDeniedIsNotDecidedAgain() {
    model.run(open("s1", ALICE, "\\Device\\ToastPdo1", 1, "h1"), allow());
    seen.clear();
    StepResult r = model.run(step("s2", new Scenario.Forward("h1", "IOCTL_TOAST_EJECT", ALICE), null), deny());
    assertEquals(1, seen.size(), seen.toString());
    assertTrue(seen.get(0) instanceof IoctlRequest, seen.toString());
    assertEquals("test-deny", r.decision().ruleId());
    assertEquals("demo#s2", r.decision().requestId());
    assertEquals("forward", r.request().kind());
    // resolved alone, the forward carries no IOCTL decision (the rules deny it)
    assertNull(((ForwardRequest) model.resolve(step("s3", new Scenario.Forward("h1", "IOCTL_TOAST_EJECT", ALICE), null)))
        .ioctlDecision());
  }

  // ------------------------------------------------------------------ kernel objects

  /** Alice's open of the package's mutex {@code Global\ScanLock} at the tests' step (set the rest). */
  static ObjectOpenRequest.Builder scanLock(String id) {
    return ObjectOpenRequest.builder().id(id).as("alice", ALICE_TOKEN).objectName("Global\\ScanLock")
        .type(KernelObjectType.MUTEX).origin(AT_STEP);
  }

  @Test
  void nullDescriptorObjectsGetTheCreatorsDefaultDacl() {
    ObjectOpenRequest before = (ObjectOpenRequest) model.run(step("o0",
        new Scenario.OpenObject("Global\\ScanLock", Context.APPLICATION, ALICE, AccessMask.SYNCHRONIZE), null), allow()).request();
    assertEquals(scanLock("demo#o0").found(false).context("application").desiredAccess(AccessMask.SYNCHRONIZE).build(),
        before);

    SecurityDescriptor system = Sddl.parse("D:(A;;GA;;;SY)(A;;GRGX;;;BA)");
    StepResult created = model.run(step("c1", new Scenario.CreateObject("Global\\ScanLock", Context.EVENT_MONITOR, null), null), allow());
    assertEquals(ObjectCreateRequest.builder().id("demo#c1").as("LocalSystem", Token.localSystem())
        .objectName("Global\\ScanLock").type(KernelObjectType.MUTEX).context("eventMonitor").nullDescriptor(true)
        .descriptor(system).origin(AT_STEP).build(), created.request());
    assertEquals(new DeviceModel.KernelObjectState("Global\\ScanLock", KernelObjectType.MUTEX, Context.EVENT_MONITOR,
        "LocalSystem", true, system), model.kernelObject("global\\scanlock").orElseThrow());

    ObjectOpenRequest open = (ObjectOpenRequest) model.run(step("o1",
        new Scenario.OpenObject("global\\SCANLOCK", Context.APPLICATION, ALICE, AccessMask.SYNCHRONIZE), null), deny()).request();
    assertEquals(scanLock("demo#o1").descriptor(system).creatorContext("eventMonitor").context("application")
        .desiredAccess(AccessMask.SYNCHRONIZE).build(), open);

    // a second create opens the object the first one made, for the type's all-access right
    ObjectOpenRequest again = (ObjectOpenRequest) model.run(step("c2",
        new Scenario.CreateObject("Global\\ScanLock", Context.APPLICATION, ALICE), null), allow()).request();
    assertEquals(scanLock("demo#c2").descriptor(system).creatorContext("eventMonitor").context("application")
        .desiredAccess(AccessMask.MUTANT_ALL_ACCESS).viaCreate(true).build(), again);
    assertEquals("createObject", again.kind());
    assertEquals(Context.EVENT_MONITOR, model.kernelObject("Global\\ScanLock").orElseThrow().creatorContext());
  }

  @Test
  void applicationCreatorAndDeclaredDescriptors() {
    Sid user = ALICE_TOKEN.user();
    ObjectCreateRequest denied = (ObjectCreateRequest) model.run(step("c0",
        new Scenario.CreateObject("Global\\ScanLock", Context.APPLICATION, ALICE), null), deny()).request();
    assertEquals(Sddl.parse("D:(A;;GA;;;S-1-5-21-1-2-3-1001)(A;;GA;;;SY)"), denied.descriptor());
    assertEquals(DeviceModel.defaultDacl(ALICE_TOKEN), denied.descriptor());
    assertEquals(user, ALICE_TOKEN.user());
    assertTrue(model.kernelObjects().isEmpty(), "a denied create records nothing");

    model.run(step("c1", new Scenario.CreateObject("Global\\ScanLock", Context.APPLICATION, ALICE), null), allow());
    ObjectOpenRequest fromMonitor = (ObjectOpenRequest) model.run(step("o1",
        new Scenario.OpenObject("Global\\ScanLock", Context.EVENT_MONITOR, null, AccessMask.SYNCHRONIZE), null), deny()).request();
    assertEquals("LocalSystem", fromMonitor.principal());
    assertEquals(Token.localSystem(), fromMonitor.token());
    assertEquals("application", fromMonitor.creatorContext());
    assertEquals("eventMonitor", fromMonitor.context());

    ObjectCreateRequest declared = (ObjectCreateRequest) model.run(step("c2",
        new Scenario.CreateObject("Global\\ScanEvent", Context.APPLICATION, ALICE), null), allow()).request();
    assertFalse(declared.nullDescriptor());
    assertEquals(Sddl.parse("D:(A;;GA;;;WD)"), declared.descriptor());
    assertEquals(KernelObjectType.EVENT, declared.type());
    assertEquals(2, model.kernelObjects().size());

    assertThrows(SimulationException.class, () -> model.run(step("c3",
        new Scenario.CreateObject("Global\\Undeclared", Context.APPLICATION, ALICE), null), allow()));
  }

  @Test
  void theDeciderMustAnswer() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> model.run(open("s1", ALICE, "\\Device\\ToastPdo0", 1, "h1"), r -> null));
    assertTrue(e.getMessage().contains("demo#s1"));
    assertTrue(model.handles().isEmpty());
  }

  // ------------------------------------------------------------------ long runs

  @Test
  void twoHundredThousandStepsRunInBoundedState() {
    int[] requests = new int[1];
    Function<Request, Decision> trivial = r -> {
      requests[0]++;
      boolean allow = !(r instanceof OpenRequest o && o.desiredAccess() == AccessMask.GENERIC_ALL);
      return new Decision(r.id(), allow ? Verdict.ALLOW : Verdict.DENY, allow ? NtStatus.STATUS_SUCCESS : NtStatus.STATUS_ACCESS_DENIED,
          granted(r), "NS-1", "trivial", "", List.of());
    };
    Step[] cycle = {
        open("open", ALICE, "\\Device\\ToastPdo1", AccessMask.FILE_READ_DATA, "h"),
        step("ioctl", new Scenario.Ioctl("h", "IOCTL_TOAST_QUERY", ALICE), null),
        step("rel", new Scenario.RelativeOpen("h", null, null, ALICE), "r"),
        open("denied", ALICE, "\\Device\\ToastCtl", AccessMask.GENERIC_ALL, "d"),
        step("fwd", new Scenario.Forward("r", "IOCTL_TOAST_EJECT", ALICE), null),
        step("create", new Scenario.CreateObject("Global\\ScanLock", Context.EVENT_MONITOR, null), null),
        step("openObj", new Scenario.OpenObject("Global\\ScanLock", Context.APPLICATION, ALICE, AccessMask.SYNCHRONIZE), null),
        step("closeR", new Scenario.Close("r"), null),
        step("closeH", new Scenario.Close("h"), null),
        step("closeD", new Scenario.Close("d"), null),
    };
    int total = 200_000;
    java.util.Iterator<Step> steps = new java.util.Iterator<>() {
      int i;

      @Override
      public boolean hasNext() {
        return i < total;
      }

      @Override
      public Step next() {
        Step s = cycle[i % cycle.length];
        Step out = new Step(s.id() + "-" + i, s.action(), s.handle(), null, s.location());
        i++;
        return out;
      }
    };
    long allowed = Simulation.stream(Simulation.run(model, steps, trivial)).filter(StepResult::allowed).count();
    assertEquals(total / cycle.length * 6, allowed, "open, ioctl, rel, fwd, create, openObj allowed per cycle");
    // three closes per cycle are not decided; the forward is two decisions (its IOCTL first)
    assertEquals(total / cycle.length * 8, requests[0], "seven decided steps, the forward counting twice");
    assertEquals(0, model.handles().size());
    assertEquals(2, model.closedHandles().size(), "h and r; d was never opened");
    assertEquals(0, model.openHandles("keep"));
    assertEquals(0, model.openHandles("ctl"));
    assertEquals(1, model.kernelObjects().size());
  }
}
