package io.drvguard.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.ioctl.CtlCode;
import io.drvguard.facts.ioctl.Method;
import io.drvguard.facts.ioctl.RequiredAccess;
import io.drvguard.facts.model.KernelObjectType;
import io.drvguard.facts.model.Severity;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.model.Violation;
import io.drvguard.facts.security.TokenPreset;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled decision rules ({@code drvguard/rules/decisions}): for every rule a request it
 * decides and a twin it does not; for every hole the allow and the violation.
 */
class DecisionRulesTest {
  static Engine engine;

  static final Token ALICE = Token.interactiveUser(Sid.parse("S-1-5-21-1-2-3-1001"));
  static final Token ADMIN = Token.of(Sid.parse("S-1-5-21-1-2-3-500"), Sid.EVERYONE, Sid.AUTHENTICATED_USERS,
      Sid.BUILTIN_ADMINISTRATORS);
  /** Users may read and traverse, not write. */
  static final SecurityDescriptor READABLE = Sddl.parse("D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGX;;;WD)");
  /** Users may read, but traverse (FILE_TRAVERSE, 0x20) is not granted. */
  static final SecurityDescriptor NO_TRAVERSE = Sddl.parse("D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GR;;;WD)");
  static final SecurityDescriptor SYSTEM_ONLY = Sddl.parse("D:P(A;;GA;;;SY)");
  /** Alice's token as a restricted token without the default privileges (no SeChangeNotifyPrivilege). */
  static final Token ALICE_RESTRICTED = new Token(ALICE.user(), ALICE.groups(), Set.of());
  /** What Win32 CreateFile adds to the access asked for. */
  static final int WIN32 = AccessMask.SYNCHRONIZE | AccessMask.FILE_READ_ATTRIBUTES;
  static final int FILE_DEVICE_CD_ROM = 0x2;
  static final int FILE_DEVICE_DISK = 0x7;

  static final int READ = AccessMask.FILE_READ_DATA;
  static final int WRITE = AccessMask.FILE_WRITE_DATA;

  /** Where the test requests come from: a step of a scenario of package {@code toaster}. */
  static final Origin FROM_STEP = Origin.of("toaster", SourceLocation.of("toaster.scenario.yaml", 7));

  @BeforeAll
  static void build() throws Exception {
    engine = Engine.withBundledRules();
  }

  /** An open request with every field settable; defaults: a found direct open of a readable device. */
  static final class Open {
    String id = "t#open";
    Token token = ALICE;
    OpenKind kind = OpenKind.DIRECT;
    String path = "\\Device\\Toast0";
    boolean found = true;
    String remainder = "";
    int desired = READ;
    SecurityDescriptor device = READABLE;
    SecurityDescriptor file;
    boolean secureOpen;
    boolean namespaceSupported;
    boolean failsNamespaceOpen;
    boolean checksFileAcl;
    boolean failsRelatedOpen;
    boolean exclusiveFlag;
    boolean driverEnforcesExclusive;
    int openHandles;
    /** The driver's count of the stack's handles; null: the same as {@link #openHandles}. */
    Integer stackHandles;
    int deviceType = OpenRequest.FILE_DEVICE_UNKNOWN;

    Open namespace() {
      kind = OpenKind.NAMESPACE;
      path = "\\Device\\Toast0\\file";
      remainder = "\\file";
      return this;
    }

    Open relative() {
      kind = OpenKind.RELATIVE;
      path = "h1";
      return this;
    }

    OpenRequest build() {
      OpenRequest.Builder b = OpenRequest.builder().id(id).as("alice", token).openKind(kind).path(path).found(found)
          .deviceObjectId("pdo0").stack("main").remainder(remainder).desiredAccess(desired)
          .deviceDescriptor(device).fileDescriptor(file).secureOpen(secureOpen).namespaceSupported(namespaceSupported)
          .failsNamespaceOpen(failsNamespaceOpen).checksFileAcl(checksFileAcl).failsRelatedOpen(failsRelatedOpen)
          .exclusiveFlag(exclusiveFlag).driverEnforcesExclusive(driverEnforcesExclusive).openHandles(openHandles)
          .deviceType(deviceType).origin(FROM_STEP);
      return (stackHandles == null ? b : b.stackHandles(stackHandles)).build();
    }
  }

  static Open open() {
    return new Open();
  }

  static IoctlRequest ioctl(RequiredAccess access, boolean known, int granted, List<String> validates, boolean v2003) {
    return IoctlRequest.builder().id("t#ioctl").principal("alice").handle("h1").ioctlName("IOCTL_TOAST_X")
        .code(CtlCode.of(0x22, 0x801, Method.BUFFERED, access)).known(known).grantedAccess(granted)
        .validatesAccess(validates).requiresValidatedRight(v2003).origin(FROM_STEP).build();
  }

  /** The IOCTL decision that lets a forward's IRP reach the driver: the IOCTL rules allowed it on the handle. */
  static final Decision IOCTL_LET_THROUGH = new Decision("t#fwd", Verdict.ALLOW, NtStatus.STATUS_SUCCESS, 3, "IOCTL-2",
      "IoctlAllowed", "handle `h1` holds enough", List.of("IoctlAllowed"));

  static ForwardRequest forward(Token token, String privilege, boolean checks, boolean forwardsDown) {
    return ForwardRequest.builder().id("t#fwd").as("alice", token).handle("h1").ioctlName("IOCTL_TOAST_LOAD")
        .requiredPrivilege(privilege).driverChecksPrivilege(checks).forwardsDown(forwardsDown)
        .ioctlDecision(IOCTL_LET_THROUGH).origin(FROM_STEP).build();
  }

  /** The default DACL a LocalSystem service's objects get (creator's token default). */
  static final SecurityDescriptor SYSTEM_DEFAULT_DACL = Sddl.parse("D:(A;;GA;;;SY)(A;;GRGX;;;BA)");

  static ObjectOpenRequest openObject(Token token, boolean found, SecurityDescriptor sd, int desired) {
    return scanLock().id("t#obj").as("alice", token).found(found).descriptor(sd).creatorContext("eventMonitor")
        .context("application").desiredAccess(desired).build();
  }

  /** An open of the mutex {@code Global\ScanLock} (set the rest). */
  static ObjectOpenRequest.Builder scanLock() {
    return ObjectOpenRequest.builder().objectName("Global\\ScanLock").type(KernelObjectType.MUTEX).origin(FROM_STEP);
  }

  /** A create of the mutex {@code Global\ScanLock} (set the rest). */
  static ObjectCreateRequest.Builder createScanLock() {
    return ObjectCreateRequest.builder().objectName("Global\\ScanLock").type(KernelObjectType.MUTEX)
        .origin(FROM_STEP);
  }

  static Decision decide(Request r) {
    return engine.decide(r);
  }

  static void assertDecision(Decision d, Verdict verdict, NtStatus status, String requirement, String ruleId, int granted) {
    String ctx = d.toString();
    assertEquals(verdict, d.verdict(), ctx);
    assertEquals(status, d.status(), ctx);
    assertEquals(requirement, d.requirement(), ctx);
    assertEquals(ruleId, d.ruleId(), ctx);
    assertEquals(granted, d.grantedAccess(), ctx);
  }

  static void denied(Request r, NtStatus status, String requirement, String ruleId) {
    assertDecision(decide(r), Verdict.DENY, status, requirement, ruleId, 0);
  }

  static void allowed(Request r, String requirement, String ruleId, int granted) {
    Evaluation ev = engine.evaluate(r, false);
    assertDecision(ev.decision(), Verdict.ALLOW, NtStatus.STATUS_SUCCESS, requirement, ruleId, granted);
    assertEquals(List.of(), ev.violations(), "a legitimate allow reports nothing");
  }

  static void notDecidedBy(Request r, String ruleId) {
    Decision d = decide(r);
    assertNotEquals(ruleId, d.ruleId(), d.toString());
    assertFalse(d.votes().contains(ruleId), d.toString());
  }

  /** A hole: allowed with the granted access, and one violation of the hole's requirement. */
  static Violation hole(Request r, String requirement, String ruleId, int granted) {
    Evaluation ev = engine.evaluate(r, false);
    assertDecision(ev.decision(), Verdict.ALLOW, NtStatus.STATUS_SUCCESS, requirement, ruleId, granted);
    assertEquals(1, ev.violations().size(), ev.violations().toString());
    Violation v = ev.violations().get(0);
    assertEquals(requirement, v.requirement());
    assertEquals(ruleId, v.ruleId());
    assertEquals(Severity.ERROR, v.severity());
    assertEquals(r.id(), v.subject());
    // made with the package and the step the request came from, not left for the caller to fill in
    assertEquals(r.origin().packageName(), v.packageName());
    assertEquals(r.origin().location(), v.location());
    return v;
  }

  static void noViolation(Request r) {
    assertEquals(List.of(), engine.evaluate(r, false).violations());
  }

  // ---- opens: names, exclusivity, descriptors

  @Test
  void openOfAnUnknownNameIsNotFound() {
    Open o = open();
    o.found = false;
    o.device = null;
    denied(o.build(), NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, "NS-1", "OpenTargetNotFound");
    notDecidedBy(open().build(), "OpenTargetNotFound");
  }

  @Test
  void relativeOpenAgainstABadHandleIsInvalidHandle() {
    Open o = open().relative();
    o.found = false;
    denied(o.build(), NtStatus.STATUS_INVALID_HANDLE, "NS-6", "RelatedOpenBadHandle");
    notDecidedBy(open().relative().build(), "RelatedOpenBadHandle");
  }

  @Test
  void secondOpenOfADoExclusiveDeviceIsAccessDenied() {
    Open o = open();
    o.exclusiveFlag = true;
    o.openHandles = 1;
    Decision d = decide(o.build());
    assertDecision(d, Verdict.DENY, NtStatus.STATUS_ACCESS_DENIED, "NS-5", "ExclusiveDeviceAlreadyOpen", 0);
    assertTrue(d.reason().contains("DO_EXCLUSIVE"), d.reason());
    o.desired = WRITE;  // the I/O manager checks exclusivity before access
    denied(o.build(), NtStatus.STATUS_ACCESS_DENIED, "NS-5", "ExclusiveDeviceAlreadyOpen");
    Open ns = open().namespace();
    ns.exclusiveFlag = true;
    ns.openHandles = 2;
    denied(ns.build(), NtStatus.STATUS_ACCESS_DENIED, "NS-5", "ExclusiveDeviceAlreadyOpen");
    noViolation(ns.build());
    Open first = open();
    first.exclusiveFlag = true;
    allowed(first.build(), "NS-1", "DirectOpenGranted", READ);
    // the count is the named object's: handles on another object of the stack do not count
    first.stackHandles = 1;
    allowed(first.build(), "NS-1", "DirectOpenGranted", READ);
    Open rel = open().relative();
    rel.exclusiveFlag = true;
    rel.openHandles = 1;
    notDecidedBy(rel.build(), "ExclusiveDeviceAlreadyOpen");
  }

  @Test
  void driverEnforcedExclusivityIsASharingViolation() {
    Open o = open();
    o.driverEnforcesExclusive = true;
    o.openHandles = 1;
    denied(o.build(), NtStatus.STATUS_SHARING_VIOLATION, "NS-5", "DriverExclusiveDeviceAlreadyOpen");
    o.openHandles = 0;
    notDecidedBy(o.build(), "DriverExclusiveDeviceAlreadyOpen");
    allowed(o.build(), "NS-1", "DirectOpenGranted", READ);
    // the driver counts what its stack serves, whichever name was opened
    o.stackHandles = 1;
    denied(o.build(), NtStatus.STATUS_SHARING_VIOLATION, "NS-5", "DriverExclusiveDeviceAlreadyOpen");
    // the driver counts handles only after the I/O manager let the open through
    Open denied = open();
    denied.driverEnforcesExclusive = true;
    denied.openHandles = 1;
    denied.desired = WRITE;
    denied(denied.build(), NtStatus.STATUS_ACCESS_DENIED, "NS-1", "DirectOpenDenied");
  }

  @Test
  void unparsableDescriptorFailsClosed() {
    Open o = open();
    o.device = null;
    Decision d = decide(o.build());
    assertDecision(d, Verdict.DENY, NtStatus.STATUS_ACCESS_DENIED, "NS-1", "DeviceDescriptorUnknown", 0);
    assertTrue(d.reason().contains("fail closed"), d.reason());
    notDecidedBy(open().build(), "DeviceDescriptorUnknown");
    // where Windows reads the descriptor: FILE_DEVICE_SECURE_OPEN, or the traverse check
    Open ns = open().namespace();
    ns.device = null;
    ns.secureOpen = true;
    denied(ns.build(), NtStatus.STATUS_ACCESS_DENIED, "NS-1", "DeviceDescriptorUnknown");
    ns.secureOpen = false;
    ns.token = ALICE_RESTRICTED;
    denied(ns.build(), NtStatus.STATUS_ACCESS_DENIED, "NS-1", "DeviceDescriptorUnknown");
    // an unchecked namespace open never reads it: the NS-8 hole stays visible, not hidden by a deny
    ns.token = ALICE;
    Decision hole = decide(ns.build());
    assertDecision(hole, Verdict.ALLOW, NtStatus.STATUS_SUCCESS, "NS-8", "NamespaceOpenUnchecked", hole.grantedAccess());
    ns.failsNamespaceOpen = true;
    denied(ns.build(), NtStatus.STATUS_INVALID_DEVICE_REQUEST, "NS-8", "NamespaceOpenFailedByDriver");
  }

  // ---- direct opens (NS-1) and traverse (NS-2)

  @Test
  void directOpenIsGrantedByTheEffectiveDescriptor() {
    allowed(open().build(), "NS-1", "DirectOpenGranted", READ);
    Open max = open();
    max.desired = AccessMask.MAXIMUM_ALLOWED;
    allowed(max.build(), "NS-1", "DirectOpenGranted", AccessMask.FILE_GENERIC_READ | AccessMask.FILE_GENERIC_EXECUTE);
    Open generic = open();
    generic.desired = AccessMask.GENERIC_READ;
    allowed(generic.build(), "NS-1", "DirectOpenGranted", AccessMask.FILE_GENERIC_READ);
    Open w = open();
    w.desired = WRITE;
    notDecidedBy(w.build(), "DirectOpenGranted");
  }

  @Test
  void directOpenIsDeniedByTheEffectiveDescriptor() {
    Open w = open();
    w.desired = WRITE;
    Decision d = decide(w.build());
    assertDecision(d, Verdict.DENY, NtStatus.STATUS_ACCESS_DENIED, "NS-1", "DirectOpenDenied", 0);
    assertTrue(d.reason().contains("FILE_WRITE_DATA"), d.reason());
    Open sys = open();
    sys.device = SYSTEM_ONLY;
    denied(sys.build(), NtStatus.STATUS_ACCESS_DENIED, "NS-1", "DirectOpenDenied");
    sys.token = Token.localSystem();
    allowed(sys.build(), "NS-1", "DirectOpenGranted", READ);
    notDecidedBy(open().build(), "DirectOpenDenied");
  }

  @Test
  void nativeZeroAccessOpenIsDeniedAndWin32OneAsksForSynchronizeAndReadAttributes() {
    Open o = open();
    o.desired = 0;
    Decision d = decide(o.build());
    assertDecision(d, Verdict.DENY, NtStatus.STATUS_ACCESS_DENIED, "NS-1", "DirectOpenDenied", 0);
    assertTrue(d.reason().contains("SeAccessCheck grants nothing"), d.reason());
    o.token = Token.localSystem();
    denied(o.build(), NtStatus.STATUS_ACCESS_DENIED, "NS-1", "DirectOpenDenied");
    Open win32 = open();
    win32.desired = WIN32;
    allowed(win32.build(), "NS-1", "DirectOpenGranted", WIN32);
    win32.device = SYSTEM_ONLY;
    denied(win32.build(), NtStatus.STATUS_ACCESS_DENIED, "NS-1", "DirectOpenDenied");
    // a zero-access open nobody checks still yields a handle, with no rights
    Open hole = open().namespace();
    hole.desired = 0;
    hole(hole.build(), "NS-8", "NamespaceOpenUnchecked", 0);
  }

  @Test
  void traverseIsCheckedOnlyWithoutBypassTraversePrivilegeOrOnDisks() {
    // the case: a strong ACL, no FILE_DEVICE_SECURE_OPEN, a default token: nobody checks
    Open ns = open().namespace();
    ns.device = SYSTEM_ONLY;
    hole(ns.build(), "NS-8", "NamespaceOpenUnchecked", READ);
    notDecidedBy(ns.build(), "TraverseDenied");
    ns.token = ALICE_RESTRICTED;
    Decision d = decide(ns.build());
    assertDecision(d, Verdict.DENY, NtStatus.STATUS_ACCESS_DENIED, "NS-2", "TraverseDenied", 0);
    assertTrue(d.reason().contains("FILE_TRAVERSE") && d.reason().contains("SeChangeNotifyPrivilege"), d.reason());
    noViolation(ns.build());
    ns.device = READABLE;  // GX grants FILE_TRAVERSE: the traverse check passes, and the hole remains
    hole(ns.build(), "NS-8", "NamespaceOpenUnchecked", READ);
    Open disk = open().namespace();
    disk.device = NO_TRAVERSE;
    disk.deviceType = FILE_DEVICE_DISK;
    d = decide(disk.build());
    assertDecision(d, Verdict.DENY, NtStatus.STATUS_ACCESS_DENIED, "NS-2", "TraverseDenied", 0);
    assertTrue(d.reason().contains("disk or CD-ROM"), d.reason());
    disk.deviceType = FILE_DEVICE_CD_ROM;
    denied(disk.build(), NtStatus.STATUS_ACCESS_DENIED, "NS-2", "TraverseDenied");
    disk.deviceType = OpenRequest.FILE_DEVICE_UNKNOWN;
    hole(disk.build(), "NS-8", "NamespaceOpenUnchecked", READ);
    // a relative open the I/O manager does not check in full gets the same traverse check
    Open rel = open().relative();
    rel.device = NO_TRAVERSE;
    rel.token = ALICE_RESTRICTED;
    denied(rel.build(), NtStatus.STATUS_ACCESS_DENIED, "NS-2", "TraverseDenied");
    rel.token = ALICE;
    hole(rel.build(), "NS-6", "RelatedOpenUnchecked", READ);
    // direct and FILE_DEVICE_SECURE_OPEN opens are checked for the desired access, not for traverse
    Open direct = open();
    direct.device = NO_TRAVERSE;
    direct.token = ALICE_RESTRICTED;
    allowed(direct.build(), "NS-1", "DirectOpenGranted", READ);
    Open secure = open().namespace();
    secure.device = NO_TRAVERSE;
    secure.token = ALICE_RESTRICTED;
    secure.secureOpen = true;
    secure.deviceType = FILE_DEVICE_DISK;
    allowed(secure.build(), "NS-11", "SecureNamespaceOpenGranted", READ);
    notDecidedBy(secure.build(), "TraverseDenied");
  }

  // ---- namespace opens under FILE_DEVICE_SECURE_OPEN (NS-11)

  @Test
  void secureOpenAppliesTheDeviceDescriptorToNamespaceOpens() {
    Open ns = open().namespace();
    ns.secureOpen = true;
    allowed(ns.build(), "NS-11", "SecureNamespaceOpenGranted", READ);
    ns.desired = 0;
    denied(ns.build(), NtStatus.STATUS_ACCESS_DENIED, "NS-11", "SecureNamespaceOpenDenied");
    ns.desired = WIN32;
    allowed(ns.build(), "NS-11", "SecureNamespaceOpenGranted", WIN32);
    ns.desired = WRITE;
    denied(ns.build(), NtStatus.STATUS_ACCESS_DENIED, "NS-11", "SecureNamespaceOpenDenied");
    notDecidedBy(ns.build(), "SecureNamespaceOpenGranted");
    ns.desired = READ;
    notDecidedBy(ns.build(), "SecureNamespaceOpenDenied");
  }

  // ---- namespace opens without a namespace (NS-8)

  @Test
  void driverWithoutNamespaceFailsNamespaceOpens() {
    Open ns = open().namespace();
    ns.failsNamespaceOpen = true;
    ns.desired = WRITE;
    denied(ns.build(), NtStatus.STATUS_INVALID_DEVICE_REQUEST, "NS-8", "NamespaceOpenFailedByDriver");
    noViolation(ns.build());
    // with FILE_DEVICE_SECURE_OPEN the I/O manager's ACL check comes first and its deny is reported;
    // an open the ACL grants still reaches the driver, which fails it
    ns.secureOpen = true;
    denied(ns.build(), NtStatus.STATUS_ACCESS_DENIED, "NS-11", "SecureNamespaceOpenDenied");
    ns.desired = READ;
    denied(ns.build(), NtStatus.STATUS_INVALID_DEVICE_REQUEST, "NS-8", "NamespaceOpenFailedByDriver");
  }

  @Test
  void namespaceOpenNobodyChecksIsAllowedAndReported() {
    Open ns = open().namespace();
    ns.desired = WRITE;  // the device's ACL would deny it
    Violation v = hole(ns.build(), "NS-8", "NamespaceOpenUnchecked", WRITE);
    assertTrue(v.message().contains("lacks FILE_DEVICE_SECURE_OPEN") && v.message().contains("FILE_WRITE_DATA"),
        v.message());
    ns.desired = AccessMask.GENERIC_ALL;
    hole(ns.build(), "NS-8", "NamespaceOpenUnchecked", AccessMask.FILE_ALL_ACCESS);
    ns.desired = AccessMask.MAXIMUM_ALLOWED;
    hole(ns.build(), "NS-8", "NamespaceOpenUnchecked", AccessMask.FILE_ALL_ACCESS);
    // no hole when the open fails anyway
    Open busy = open().namespace();
    busy.driverEnforcesExclusive = true;
    busy.openHandles = 1;
    denied(busy.build(), NtStatus.STATUS_SHARING_VIOLATION, "NS-5", "DriverExclusiveDeviceAlreadyOpen");
    noViolation(busy.build());
    Open failing = open().namespace();
    failing.failsNamespaceOpen = true;
    notDecidedBy(failing.build(), "NamespaceOpenUnchecked");
  }

  // ---- namespace opens with a namespace (NS-10)

  @Test
  void namespaceDriverDecidesByTheFilesAcl() {
    Open ns = open().namespace();
    ns.namespaceSupported = true;
    ns.checksFileAcl = true;
    ns.file = Sddl.parse("D:P(A;;GA;;;SY)(A;;FA;;;S-1-5-21-1-2-3-1001)");
    ns.desired = WRITE;
    allowed(ns.build(), "NS-10", "NamespaceFileAclGranted", WRITE);
    ns.token = ADMIN;
    denied(ns.build(), NtStatus.STATUS_ACCESS_DENIED, "NS-10", "NamespaceFileAclDenied");
    notDecidedBy(ns.build(), "NamespaceFileAclGranted");
    ns.token = ALICE;
    notDecidedBy(ns.build(), "NamespaceFileAclDenied");
    ns.file = null;
    Decision d = decide(ns.build());
    assertDecision(d, Verdict.DENY, NtStatus.STATUS_ACCESS_DENIED, "NS-10", "NamespaceFileDescriptorUnknown", 0);
    assertTrue(d.reason().contains("fail closed"), d.reason());
  }

  @Test
  void namespaceDriverThatDoesNotCheckIsAllowedAndReported() {
    Open ns = open().namespace();
    ns.namespaceSupported = true;
    ns.desired = AccessMask.GENERIC_WRITE;
    Violation v = hole(ns.build(), "NS-10", "NamespaceFileOpenUnchecked", AccessMask.FILE_GENERIC_WRITE);
    assertTrue(v.message().contains("does not check the ACL of the target file"), v.message());
    ns.checksFileAcl = true;
    ns.file = READABLE;
    notDecidedBy(ns.build(), "NamespaceFileOpenUnchecked");
    noViolation(ns.build());
  }

  // ---- relative opens (NS-6)

  @Test
  void relativeOpenFailedByTheDriver() {
    Open rel = open().relative();
    rel.failsRelatedOpen = true;
    denied(rel.build(), NtStatus.STATUS_INVALID_DEVICE_REQUEST, "NS-6", "RelatedOpenFailedByDriver");
    noViolation(rel.build());
    notDecidedBy(open().relative().build(), "RelatedOpenFailedByDriver");
  }

  @Test
  void relativeOpenBypassesExclusivityAndIsReported() {
    Open rel = open().relative();
    rel.exclusiveFlag = true;
    rel.openHandles = 1;
    rel.desired = WRITE;
    Violation v = hole(rel.build(), "NS-6", "RelatedOpenUnchecked", WRITE);
    assertTrue(v.message().contains("exclusive") && v.message().contains("RelatedFileObject"), v.message());
    Open plain = open().relative();
    hole(plain.build(), "NS-6", "RelatedOpenUnchecked", READ);
    plain.secureOpen = true;
    notDecidedBy(plain.build(), "RelatedOpenUnchecked");
  }

  @Test
  void relativeOpenOnASecureOpenStackIsCheckedAgainstTheDescriptor() {
    Open rel = open().relative();
    rel.secureOpen = true;
    rel.desired = WRITE;  // a read-only user asks for write through a relative open
    Decision d = decide(rel.build());
    assertDecision(d, Verdict.DENY, NtStatus.STATUS_ACCESS_DENIED, "NS-6", "RelatedOpenDenied", 0);
    assertTrue(d.reason().contains("FILE_WRITE_DATA"), d.reason());
    noViolation(rel.build());
    rel.desired = READ;
    allowed(rel.build(), "NS-6", "RelatedOpenGranted", READ);
    notDecidedBy(rel.build(), "RelatedOpenDenied");
    // checked or not, it still bypasses exclusivity
    rel.exclusiveFlag = true;
    rel.openHandles = 1;
    Violation v = hole(rel.build(), "NS-6", "RelatedOpenGranted", READ);
    assertTrue(v.message().contains("bypass exclusivity"), v.message());
    rel.failsRelatedOpen = true;
    denied(rel.build(), NtStatus.STATUS_INVALID_DEVICE_REQUEST, "NS-6", "RelatedOpenFailedByDriver");
    rel.device = null;
    denied(rel.build(), NtStatus.STATUS_ACCESS_DENIED, "NS-1", "DeviceDescriptorUnknown");
  }

  // ---- IOCTLs

  @Test
  void ioctlWithoutTheRequiredAccessNeverReachesTheDriver() {
    Decision d = decide(ioctl(RequiredAccess.WRITE, true, READ, List.of(), true));
    assertDecision(d, Verdict.DENY, NtStatus.STATUS_ACCESS_DENIED, "IOCTL-2", "IoctlRequiredAccessMissing", 0);
    assertTrue(d.reason().contains("FILE_WRITE_DATA"), d.reason());
    denied(ioctl(RequiredAccess.READ_WRITE, true, WRITE, List.of(), false), NtStatus.STATUS_ACCESS_DENIED,
        "IOCTL-2", "IoctlRequiredAccessMissing");
    // the I/O manager fails it before the driver could say it does not know the code
    denied(ioctl(RequiredAccess.WRITE, false, 0, List.of(), true), NtStatus.STATUS_ACCESS_DENIED,
        "IOCTL-2", "IoctlRequiredAccessMissing");
    notDecidedBy(ioctl(RequiredAccess.WRITE, true, WRITE, List.of(), true), "IoctlRequiredAccessMissing");
  }

  @Test
  void anyAccessIoctlOnAHandleWithNoRightsDependsOnTheTarget() {
    denied(ioctl(RequiredAccess.ANY, true, 0, List.of(), true), NtStatus.STATUS_ACCESS_DENIED,
        "IOCTL-5", "IoctlNoValidatedRight");
    allowed(ioctl(RequiredAccess.ANY, true, 0, List.of(), false), "IOCTL-2", "IoctlAllowed", 0);
    allowed(ioctl(RequiredAccess.ANY, true, AccessMask.SYNCHRONIZE, List.of(), true), "IOCTL-2", "IoctlAllowed",
        AccessMask.SYNCHRONIZE);
  }

  @Test
  void unknownCodeIsAnInvalidDeviceRequest() {
    denied(ioctl(RequiredAccess.ANY, false, READ, List.of(), true), NtStatus.STATUS_INVALID_DEVICE_REQUEST,
        "IOCTL-2", "IoctlUnknownCode");
    notDecidedBy(ioctl(RequiredAccess.ANY, true, READ, List.of(), true), "IoctlUnknownCode");
  }

  @Test
  void driverValidationTightensAnAnyAccessIoctl() {
    Decision d = decide(ioctl(RequiredAccess.ANY, true, READ, List.of("FILE_WRITE_ACCESS"), true));
    assertDecision(d, Verdict.DENY, NtStatus.STATUS_ACCESS_DENIED, "IOCTL-4", "IoctlValidatedAccessMissing", 0);
    assertTrue(d.reason().contains("FILE_WRITE_DATA"), d.reason());
    allowed(ioctl(RequiredAccess.ANY, true, READ | WRITE, List.of("FILE_WRITE_ACCESS"), true), "IOCTL-2",
        "IoctlAllowed", READ | WRITE);
    notDecidedBy(ioctl(RequiredAccess.ANY, true, READ, List.of("FILE_READ_ACCESS"), true),
        "IoctlValidatedAccessMissing");
  }

  @Test
  void anUnreadableValidationFailsClosed() {
    Decision d = decide(ioctl(RequiredAccess.ANY, true, READ, List.of("FILE_ALL_ACCESS"), true));
    assertDecision(d, Verdict.DENY, NtStatus.STATUS_ACCESS_DENIED, "IOCTL-4", "IoctlValidationUnreadable", 0);
    assertTrue(d.reason().contains("`FILE_ALL_ACCESS`") && d.reason().contains("fail closed"), d.reason());
    notDecidedBy(ioctl(RequiredAccess.ANY, true, READ, List.of("FILE_READ_ACCESS"), true), "IoctlValidationUnreadable");
  }

  @Test
  void ioctlWithTheRequiredAccessIsAllowed() {
    allowed(ioctl(RequiredAccess.READ, true, AccessMask.FILE_GENERIC_READ, List.of(), true), "IOCTL-2",
        "IoctlAllowed", AccessMask.FILE_GENERIC_READ);
    notDecidedBy(ioctl(RequiredAccess.READ, true, WRITE, List.of(), true), "IoctlAllowed");
  }

  // ---- forwards (PRIV-1)

  @Test
  void driverThatChecksThePrivilegeFailsCallersWithoutIt() {
    Decision d = decide(forward(ALICE, "SeLoadDriverPrivilege", true, true));
    assertDecision(d, Verdict.DENY, NtStatus.STATUS_PRIVILEGE_NOT_HELD, "PRIV-1", "ForwardPrivilegeNotHeld", 0);
    assertTrue(d.reason().contains("SeLoadDriverPrivilege"), d.reason());
    allowed(forward(ADMIN.withPrivileges("SeLoadDriverPrivilege"), "SeLoadDriverPrivilege", true, true), "PRIV-1",
        "ForwardAllowed", 0);
    notDecidedBy(forward(ADMIN.withPrivileges("SeLoadDriverPrivilege"), "SeLoadDriverPrivilege", true, true),
        "ForwardPrivilegeNotHeld");
  }

  @Test
  void forwardWithoutThePrivilegeCheckIsAllowedAndReported() {
    Violation v = hole(forward(ALICE, "SeLoadDriverPrivilege", false, true), "PRIV-1", "PrivilegedForwardUnchecked", 0);
    assertTrue(v.message().contains("SeLoadDriverPrivilege") && v.message().contains("alice"), v.message());
    // no hole for a caller who holds it, nor for a driver that completes the request itself
    allowed(forward(ALICE.withPrivileges("SeLoadDriverPrivilege"), "SeLoadDriverPrivilege", false, true), "PRIV-1",
        "ForwardAllowed", 0);
    allowed(forward(ALICE, "SeLoadDriverPrivilege", false, false), "PRIV-1", "ForwardAllowed", 0);
  }

  @Test
  void forwardThatNeedsNoPrivilegeIsAllowed() {
    allowed(forward(ALICE, null, false, true), "PRIV-1", "ForwardAllowed", 0);
    allowed(forward(ALICE, " ", true, true), "PRIV-1", "ForwardAllowed", 0);
    notDecidedBy(forward(ALICE, "SeLoadDriverPrivilege", true, true), "ForwardAllowed");
  }

  // ---- still-image kernel objects (STI-1, STI-2)

  @Test
  void creatingAKernelObjectIsAllowed() {
    ObjectCreateRequest c = createScanLock().id("t#create").as("svc", Token.localSystem()).context("eventMonitor")
        .nullDescriptor(true).descriptor(SYSTEM_DEFAULT_DACL).build();
    allowed(c, "STI-1", "KernelObjectCreated", AccessMask.MUTANT_ALL_ACCESS);
  }

  @Test
  void aGlobalSectionFromOutsideSessionZeroNeedsSeCreateGlobalPrivilege() {
    ObjectCreateRequest.Builder section = ObjectCreateRequest.builder().id("t#section").objectName("Global\\ScanBuffer")
        .type(KernelObjectType.SECTION).context("application").as("alice", ALICE).descriptor(SYSTEM_DEFAULT_DACL)
        .outsideSessionZero(true).origin(FROM_STEP);
    denied(section.build(), NtStatus.STATUS_ACCESS_DENIED, "STI-1", "GlobalSectionCreateWithoutPrivilege");
    // twins: the privilege held, session 0 (a service, or before session 0 isolation), another type, a local name
    allowed(section.as("admin", ALICE.withPrivileges(Token.SE_CREATE_GLOBAL_PRIVILEGE)).build(), "STI-1",
        "KernelObjectCreated", AccessMask.SECTION_ALL_ACCESS);
    section.as("alice", ALICE);
    notDecidedBy(section.outsideSessionZero(false).build(), "GlobalSectionCreateWithoutPrivilege");
    section.outsideSessionZero(true);
    notDecidedBy(section.type(KernelObjectType.EVENT).build(), "GlobalSectionCreateWithoutPrivilege");
    section.type(KernelObjectType.SECTION);
    notDecidedBy(section.objectName("ScanBuffer").build(), "GlobalSectionCreateWithoutPrivilege");
  }

  @Test
  void creatingAnExistingNameIsAnOpenForAllAccessCheckedAgainstItsDescriptor() {
    // the event monitor made it with a NULL descriptor; the application's create asks for MUTANT_ALL_ACCESS
    ObjectOpenRequest again = scanLock().id("t#create-again").as("alice", ALICE).descriptor(SYSTEM_DEFAULT_DACL)
        .creatorContext("eventMonitor").context("application").desiredAccess(AccessMask.MUTANT_ALL_ACCESS)
        .viaCreate(true).build();
    assertEquals("createObject", again.kind());
    denied(again, NtStatus.STATUS_ACCESS_DENIED, "STI-2", "KernelObjectOpenDenied");
    assertTrue(decide(again).reason().contains("again opens the existing object"), decide(again).reason());
    // twin: the creator's context holds all access
    ObjectOpenRequest monitor = scanLock().id("t#create-again-monitor").as("LocalSystem", Token.localSystem())
        .descriptor(SYSTEM_DEFAULT_DACL).creatorContext("eventMonitor").context("eventMonitor")
        .desiredAccess(AccessMask.MUTANT_ALL_ACCESS).viaCreate(true).build();
    allowed(monitor, "STI-2", "KernelObjectOpenGranted", AccessMask.MUTANT_ALL_ACCESS);
    // a create request that says the object exists is not allowed as a create (fail closed)
    Decision existing = decide(createScanLock().id("t#create-exists").as("alice", ALICE).context("application")
        .nullDescriptor(true).descriptor(SYSTEM_DEFAULT_DACL).exists(true).build());
    assertEquals(Verdict.DENY, existing.verdict());
    assertEquals("FailClosed", existing.ruleId());
  }

  @Test
  void openingAnObjectNobodyCreatedIsNotFound() {
    denied(openObject(ALICE, false, null, AccessMask.SYNCHRONIZE), NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, "STI-2",
        "KernelObjectNotFound");
    notDecidedBy(openObject(Token.localSystem(), true, SYSTEM_DEFAULT_DACL, AccessMask.SYNCHRONIZE),
        "KernelObjectNotFound");
  }

  @Test
  void crossContextOpenOfANullDescriptorObjectIsDenied() {
    int needed = (AccessMask.SYNCHRONIZE | AccessMask.MUTANT_QUERY_STATE);
    Decision d = decide(openObject(TokenPreset.INTERACTIVE_USER.token(), true, SYSTEM_DEFAULT_DACL, needed));
    assertDecision(d, Verdict.DENY, NtStatus.STATUS_ACCESS_DENIED, "STI-2", "KernelObjectOpenDenied", 0);
    assertTrue(d.reason().contains("MUTANT_QUERY_STATE|SYNCHRONIZE"), d.reason());
    notDecidedBy(openObject(TokenPreset.LOCAL_SYSTEM.token(), true, SYSTEM_DEFAULT_DACL, needed),
        "KernelObjectOpenDenied");
  }

  @Test
  void openGrantedByTheObjectsDescriptor() {
    int needed = (AccessMask.SYNCHRONIZE | AccessMask.MUTANT_QUERY_STATE);
    allowed(openObject(TokenPreset.LOCAL_SYSTEM.token(), true, SYSTEM_DEFAULT_DACL, needed), "STI-2",
        "KernelObjectOpenGranted", needed);
    SecurityDescriptor shared = Sddl.parse("D:(A;;GA;;;SY)(A;;0x100001;;;IU)");
    allowed(openObject(TokenPreset.INTERACTIVE_USER.token(), true, shared, needed), "STI-2", "KernelObjectOpenGranted",
        needed);
    notDecidedBy(openObject(TokenPreset.INTERACTIVE_USER.token(), true, SYSTEM_DEFAULT_DACL, needed),
        "KernelObjectOpenGranted");
    Decision unknown = decide(openObject(ALICE, true, null, needed));
    assertDecision(unknown, Verdict.DENY, NtStatus.STATUS_ACCESS_DENIED, "STI-2", "KernelObjectDescriptorUnknown", 0);
  }

  // ---- every kind has a legitimate path; batches agree with single decisions

  static List<Request> legitimate() {
    List<Request> all = new ArrayList<>();
    Open direct = open();
    direct.id = "l#direct";
    all.add(direct.build());
    Open zero = open();
    zero.id = "l#zero";
    zero.desired = WIN32;  // CreateFile(..., 0, ...): SYNCHRONIZE|FILE_READ_ATTRIBUTES
    all.add(zero.build());
    Open secure = open().namespace();
    secure.id = "l#secure";
    secure.secureOpen = true;
    all.add(secure.build());
    Open fileAcl = open().namespace();
    fileAcl.id = "l#fileacl";
    fileAcl.namespaceSupported = true;
    fileAcl.checksFileAcl = true;
    fileAcl.file = READABLE;
    all.add(fileAcl.build());
    Open firstExclusive = open();
    firstExclusive.id = "l#exclusive";
    firstExclusive.exclusiveFlag = true;
    all.add(firstExclusive.build());
    all.add(IoctlRequest.builder().id("l#ioctl").principal("alice").handle("h1").ioctlName("IOCTL_TOAST_READ")
        .code(CtlCode.of(0x22, 0x802, Method.BUFFERED, RequiredAccess.READ)).grantedAccess(READ).build());
    all.add(IoctlRequest.builder().id("l#ioctl-any").principal("alice").handle("h1").ioctlName("IOCTL_TOAST_QUERY")
        .code(CtlCode.of(0x22, 0x803, Method.BUFFERED, RequiredAccess.ANY)).grantedAccess(READ)
        .validatesAccess(List.of("FILE_READ_ACCESS")).build());
    all.add(ForwardRequest.builder().id("l#fwd").as("admin", ADMIN.withPrivileges("SeLoadDriverPrivilege"))
        .handle("h1").ioctlName("IOCTL_TOAST_LOAD").requiredPrivilege("SeLoadDriverPrivilege")
        .driverChecksPrivilege(true).ioctlDecision(IOCTL_LET_THROUGH).build());
    all.add(ForwardRequest.builder().id("l#fwd-plain").as("alice", ALICE).handle("h1").ioctlName("IOCTL_TOAST_PING")
        .ioctlDecision(IOCTL_LET_THROUGH).build());
    all.add(createScanLock().id("l#create").as("alice", TokenPreset.INTERACTIVE_USER.token())
        .type(KernelObjectType.EVENT).context("application").descriptor(Sddl.parse("D:(A;;GA;;;SY)(A;;GA;;;IU)"))
        .build());
    all.add(scanLock().id("l#openobj").as("svc", TokenPreset.LOCAL_SYSTEM.token()).type(KernelObjectType.EVENT)
        .descriptor(Sddl.parse("D:(A;;GA;;;SY)(A;;GA;;;IU)")).creatorContext("application").context("eventMonitor")
        .desiredAccess(AccessMask.SYNCHRONIZE | AccessMask.EVENT_MODIFY_STATE).build());
    return all;
  }

  @Test
  void everyRequestKindHasALegitimatePathThatIsNotFailClosed() {
    Set<String> kinds = new java.util.TreeSet<>();
    for (Request r : legitimate()) {
      Evaluation ev = engine.evaluate(r, false);
      assertNotEquals(Votes.FAIL_CLOSED, ev.decision().ruleId(), ev.decision().toString());
      assertTrue(ev.decision().allowed(), ev.decision().toString());
      assertEquals(1, ev.decision().votes().size(), "one rule votes on the legitimate path: " + ev.decision());
      assertEquals(List.of(), ev.violations(), r.id());
      kinds.add(r.kind());
    }
    assertEquals(Set.of("open", "ioctl", "forward", "createObject", "openObject"), kinds);
    Open rel = open().relative();
    rel.failsRelatedOpen = true;  // a compliant driver refuses relative opens: denied by a rule, not by fail-closed
    assertEquals("RelatedOpenFailedByDriver", decide(rel.build()).ruleId());
  }

  @Test
  void requestsOnAHandleThatIsNotOpenAreInvalid() {
    // even where nothing else would stop them: FILE_ANY_ACCESS before Windows Server 2003
    IoctlRequest onClosed = IoctlRequest.builder().id("t#closed").principal("alice").ioctlName("IOCTL_TOAST_X")
        .code(CtlCode.of(0x22, 0x801, Method.BUFFERED, RequiredAccess.ANY)).requiresValidatedRight(false).build();
    Decision d = decide(onClosed);
    assertEquals(Verdict.DENY, d.verdict());
    assertEquals(NtStatus.STATUS_INVALID_HANDLE, d.status());
    assertEquals("IoctlOnInvalidHandle", d.ruleId());
    assertEquals("IOCTL-2", d.requirement());
    // on a handle that is not open nothing else votes: the I/O manager never looks at the code
    assertEquals(List.of("IoctlOnInvalidHandle"), d.votes());
    assertEquals("IoctlAllowed", decide(IoctlRequest.builder().id("t#open").principal("alice").handle("h1")
        .ioctlName("IOCTL_TOAST_X").code(CtlCode.of(0x22, 0x801, Method.BUFFERED, RequiredAccess.ANY))
        .requiresValidatedRight(false).build()).ruleId());

    Token alice = Token.of(Sid.parse("S-1-5-21-1-2-3-1001"), Sid.EVERYONE);
    Decision f = decide(ForwardRequest.builder().id("t#fclosed").as("alice", alice).ioctlName("IOCTL_TOAST_LOAD").build());
    assertEquals(NtStatus.STATUS_INVALID_HANDLE, f.status());
    assertEquals("ForwardOnInvalidHandle", f.ruleId());
    assertEquals("PRIV-1", f.requirement());
    assertEquals("ForwardAllowed", decide(ForwardRequest.builder().id("t#fopen").as("alice", alice).handle("h1")
        .ioctlName("IOCTL_TOAST_LOAD").ioctlDecision(IOCTL_LET_THROUGH).build()).ruleId());
    // even with an IOCTL decision that let it through (only the library API can say so), a request on
    // a handle that is not open never reaches the driver: no other vote, and no PRIV-1 hole reported
    Evaluation unopened = engine.evaluate(ForwardRequest.builder().id("t#fnull").as("alice", alice)
        .ioctlName("IOCTL_TOAST_LOAD").requiredPrivilege("SeLoadDriverPrivilege").forwardsDown(true)
        .ioctlDecision(IOCTL_LET_THROUGH).build(), false);
    assertEquals(List.of("ForwardOnInvalidHandle"), unopened.decision().votes());
    assertEquals(List.of(), unopened.violations());
  }

  @Test
  void aForwardIsDecidedOnlyAfterItsIoctlWasLetThrough() {
    Token alice = Token.of(Sid.parse("S-1-5-21-1-2-3-1001"), Sid.EVERYONE);
    // decided alone, with no IOCTL decision: fail closed, although it needs no privilege
    Decision alone = decide(ForwardRequest.builder().id("t#falone").as("alice", alice).handle("h1")
        .ioctlName("IOCTL_TOAST_PING").build());
    assertEquals(Verdict.DENY, alone.verdict());
    assertEquals(NtStatus.STATUS_ACCESS_DENIED, alone.status());
    assertEquals("ForwardOfUnallowedIoctl", alone.ruleId());
    assertEquals("IOCTL-2", alone.requirement());
    assertTrue(alone.reason().contains("fail closed"), alone.reason());
    // the IOCTL on a read-only handle of a FILE_WRITE_ACCESS code was denied by the IOCTL rules: so is the forward
    Decision ioctl = decide(ioctl(RequiredAccess.WRITE, true, READ, List.of(), true));
    assertEquals("IoctlRequiredAccessMissing", ioctl.ruleId());
    Decision after = decide(ForwardRequest.builder().id("t#fdenied").as("alice", alice).handle("h1")
        .ioctlName("IOCTL_TOAST_X").ioctlDecision(ioctl).build());
    assertEquals(Verdict.DENY, after.verdict());
    assertEquals(NtStatus.STATUS_ACCESS_DENIED, after.status());
    assertEquals("ForwardOfUnallowedIoctl", after.ruleId());
    assertTrue(after.reason().contains("IoctlRequiredAccessMissing"), after.reason());
    Decision unknown = decide(ioctl(RequiredAccess.ANY, false, READ, List.of(), true));
    assertEquals(NtStatus.STATUS_INVALID_DEVICE_REQUEST, decide(ForwardRequest.builder().id("t#funknown")
        .as("alice", alice).handle("h1").ioctlName("0x222004").ioctlDecision(unknown).build()).status());
    // its twin: the IOCTL allowed, the forward decided by the forward rules
    Decision allowedIoctl = decide(ioctl(RequiredAccess.WRITE, true, READ | WRITE, List.of(), true));
    assertEquals("ForwardAllowed", decide(ForwardRequest.builder().id("t#fok").as("alice", alice).handle("h1")
        .ioctlName("IOCTL_TOAST_X").ioctlDecision(allowedIoctl).build()).ruleId());
  }

  @Test
  void everyDecisionRuleIsExercisedAndEveryRuleHasMetadata() {
    Set<String> expected = Set.of("OpenTargetNotFound", "RelatedOpenBadHandle", "ExclusiveDeviceAlreadyOpen",
        "DeviceDescriptorUnknown", "TraverseDenied", "DirectOpenDenied", "SecureNamespaceOpenDenied",
        "NamespaceOpenFailedByDriver", "NamespaceFileAclDenied", "NamespaceFileDescriptorUnknown",
        "DriverExclusiveDeviceAlreadyOpen", "RelatedOpenFailedByDriver", "DirectOpenGranted",
        "SecureNamespaceOpenGranted", "NamespaceFileAclGranted", "NamespaceOpenUnchecked", "NamespaceFileOpenUnchecked",
        "RelatedOpenUnchecked", "RelatedOpenDenied", "RelatedOpenGranted", "IoctlRequiredAccessMissing", "IoctlNoValidatedRight", "IoctlUnknownCode",
        "IoctlValidatedAccessMissing", "IoctlValidationUnreadable", "IoctlAllowed", "ForwardPrivilegeNotHeld", "PrivilegedForwardUnchecked",
        "ForwardAllowed", "KernelObjectCreated", "KernelObjectNotFound", "KernelObjectDescriptorUnknown",
        "KernelObjectOpenDenied", "KernelObjectOpenGranted", "IoctlOnInvalidHandle", "ForwardOnInvalidHandle",
        "ForwardOfUnallowedIoctl", "GlobalSectionCreateWithoutPrivilege");
    Set<String> inPackage = new java.util.TreeSet<>();
    engine.ruleBase().kieBase().getKiePackage("drvguard.rules.decisions").getRules()
        .forEach(rule -> inPackage.add(rule.getName()));
    assertEquals(new java.util.TreeSet<>(expected), inPackage, "every decision rule is tested here");
    // a rule that reports a hole as a finding has that finding's severity; one that only votes has none
    Set<String> reporting = Set.of("NamespaceOpenUnchecked", "NamespaceFileOpenUnchecked", "RelatedOpenUnchecked",
        "PrivilegedForwardUnchecked", "RelatedOpenGranted");
    for (String id : expected) {
      RuleMetadata m = engine.ruleBase().rules().get(id);
      assertEquals(m.decision() && reporting.contains(id) ? Severity.ERROR : null, m.severity(), id);
      assertTrue(m.decision(), id);
    }
  }

  @Test
  void batchesDecideLikeSingleRequests() {
    List<Request> reqs = new ArrayList<>(legitimate());
    Open w = open();
    w.id = "b#write";
    w.desired = WRITE;
    reqs.add(w.build());
    Open ns = open().namespace();
    ns.id = "b#hole";
    reqs.add(ns.build());
    reqs.add(IoctlRequest.builder().id("b#ioctl").principal("alice").handle("h1").ioctlName("IOCTL_TOAST_EJECT")
        .code(CtlCode.of(0x22, 0x804, Method.BUFFERED, RequiredAccess.WRITE)).grantedAccess(READ).build());
    List<Decision> batch = engine.decideAll(reqs);
    for (int i = 0; i < reqs.size(); i++) {
      assertEquals(engine.decide(reqs.get(i)), batch.get(i), reqs.get(i).id());
    }
    assertEquals("DirectOpenDenied", batch.get(batch.size() - 3).ruleId());
    assertEquals("NamespaceOpenUnchecked", batch.get(batch.size() - 2).ruleId());
    assertEquals("IoctlRequiredAccessMissing", batch.get(batch.size() - 1).ruleId());
  }
}
