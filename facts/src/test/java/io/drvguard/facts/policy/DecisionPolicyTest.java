package io.drvguard.facts.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.ioctl.CtlCode;
import io.drvguard.facts.ioctl.Method;
import io.drvguard.facts.ioctl.RequiredAccess;
import io.drvguard.facts.model.KernelObjectType;
import io.drvguard.facts.request.IoctlRequest;
import io.drvguard.facts.request.OpenKind;
import io.drvguard.facts.request.OpenRequest;
import io.drvguard.facts.security.AccessMask;
import io.drvguard.facts.security.AccessResult;
import io.drvguard.facts.security.Sddl;
import io.drvguard.facts.security.SecurityDescriptor;
import io.drvguard.facts.security.Sid;
import io.drvguard.facts.security.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionPolicyTest {
  static final Token USER = Token.interactiveUser(Sid.parse("S-1-5-21-1-2-3-1001"));

  static OpenRequest open(OpenKind kind, boolean exclusiveFlag, boolean driverEnforces, int handles) {
    return new OpenRequest("t#1", "alice", USER, kind, "\\Device\\X", true, "pdo0", "s", "", 1,
        Sddl.parse("D:P(A;;GA;;;WD)"), null, false, false, false, false, false, exclusiveFlag, driverEnforces, handles);
  }

  static IoctlRequest ioctl(RequiredAccess access, int granted, List<String> validates, boolean v2003) {
    return new IoctlRequest("t#2", "alice", "h1", "IOCTL_X", CtlCode.of(0x22, 0x800, Method.BUFFERED, access), true,
        granted, validates, v2003);
  }

  static OpenRequest typed(OpenKind kind, Token token, boolean secureOpen, int deviceType) {
    return new OpenRequest("t#3", "alice", token, kind, "\\Device\\X\\y", true, "pdo0", "s", "\\y", 1,
        Sddl.parse("D:P(A;;FR;;;WD)"), null, secureOpen, false, false, false, false, false, false, 0, deviceType, 0);
  }

  @Test
  void zeroAccessIsDeniedAsSeAccessCheckDeniesIt() {
    AccessResult r = DecisionPolicy.fileAccess(Sddl.parse("D:P(A;;GA;;;WD)"), USER, 0);
    assertFalse(r.granted());
    assertEquals(0, r.grantedAccess());
    assertTrue(r.reason().contains("SeAccessCheck grants nothing"), r.reason());
    assertTrue(DecisionPolicy.fileAccess(Sddl.parse("D:P(A;;GR;;;WD)"), USER,
        AccessMask.SYNCHRONIZE | AccessMask.FILE_READ_ATTRIBUTES).granted());
  }

  @Test
  void traverseIsCheckedWithoutTheBypassPrivilegeOrOnDisksAndCdRoms() {
    Token restricted = new Token(USER.user(), USER.groups(), java.util.Set.of());
    assertTrue(USER.bypassesTraverse());
    assertFalse(restricted.bypassesTraverse());
    assertFalse(DecisionPolicy.traverseChecked(typed(OpenKind.NAMESPACE, USER, false, 0x22)));
    assertTrue(DecisionPolicy.traversePasses(typed(OpenKind.NAMESPACE, USER, false, 0x22)));
    assertTrue(DecisionPolicy.traverseChecked(typed(OpenKind.NAMESPACE, restricted, false, 0x22)));
    assertFalse(DecisionPolicy.traversePasses(typed(OpenKind.NAMESPACE, restricted, false, 0x22)));
    assertTrue(DecisionPolicy.traverseChecked(typed(OpenKind.RELATIVE, USER, false, 0x7)));
    assertTrue(DecisionPolicy.traverseChecked(typed(OpenKind.NAMESPACE, USER, false, 0x2)));
    // opens the I/O manager checks in full are not traverse-checked
    assertFalse(DecisionPolicy.traverseChecked(typed(OpenKind.DIRECT, restricted, false, 0x7)));
    assertFalse(DecisionPolicy.traverseChecked(typed(OpenKind.NAMESPACE, restricted, true, 0x7)));
    assertTrue(DecisionPolicy.ioManagerChecksAccess(typed(OpenKind.RELATIVE, USER, true, 0x22)));
    assertFalse(DecisionPolicy.ioManagerChecksAccess(typed(OpenKind.RELATIVE, USER, false, 0x22)));
    assertFalse(DecisionPolicy.traverse(Sddl.parse("D:P(D;;0x20;;;WD)(A;;GA;;;WD)"), USER).granted());
    assertTrue(DecisionPolicy.traverse(Sddl.parse("D:P(A;;GA;;;WD)"), USER).granted());
  }

  @Test
  void nonZeroAccessIsTheAccessCheck() {
    SecurityDescriptor sd = Sddl.parse("D:P(A;;GR;;;WD)");
    assertTrue(DecisionPolicy.fileAccess(sd, USER, AccessMask.FILE_READ_DATA).granted());
    assertFalse(DecisionPolicy.fileAccess(sd, USER, AccessMask.FILE_WRITE_DATA).granted());
    assertEquals(AccessMask.FILE_GENERIC_READ, DecisionPolicy.fileAccess(sd, USER, AccessMask.MAXIMUM_ALLOWED).grantedAccess());
  }

  @Test
  void uncheckedAccessMapsGenericBitsAndMaximumAllowed() {
    assertEquals(AccessMask.FILE_GENERIC_READ, DecisionPolicy.uncheckedAccess(AccessMask.GENERIC_READ));
    assertEquals(AccessMask.FILE_ALL_ACCESS, DecisionPolicy.uncheckedAccess(AccessMask.MAXIMUM_ALLOWED));
    assertEquals(3, DecisionPolicy.uncheckedAccess(3));
    assertEquals(0, DecisionPolicy.uncheckedAccess(0));
  }

  @Test
  void exclusivityByTheIoManagerOrTheDriverOnlyForOpensByName() {
    assertTrue(DecisionPolicy.exclusiveByIoManager(open(OpenKind.DIRECT, true, false, 1)));
    assertTrue(DecisionPolicy.exclusiveByIoManager(open(OpenKind.NAMESPACE, true, false, 1)));
    assertFalse(DecisionPolicy.exclusiveByIoManager(open(OpenKind.DIRECT, true, false, 0)));
    assertFalse(DecisionPolicy.exclusiveByIoManager(open(OpenKind.RELATIVE, true, false, 1)));
    assertTrue(DecisionPolicy.exclusiveByDriver(open(OpenKind.DIRECT, false, true, 2)));
    assertFalse(DecisionPolicy.exclusiveByDriver(open(OpenKind.DIRECT, true, true, 2)));
    assertFalse(DecisionPolicy.exclusiveByDriver(open(OpenKind.RELATIVE, false, true, 2)));
    assertFalse(DecisionPolicy.sharingViolation(open(OpenKind.DIRECT, false, false, 5)));
    // the I/O manager counts the named object's handles, the driver its stack's
    OpenRequest otherObjectOpen = new OpenRequest("t#4", "alice", USER, OpenKind.DIRECT, "\\Device\\X", true, "pdo0",
        "s", "", 1, null, null, false, false, false, false, false, true, false, 0, 0x22, 1);
    assertFalse(DecisionPolicy.exclusiveByIoManager(otherObjectOpen));
  }

  @Test
  void ioctlAccessComparisons() {
    assertEquals(2, DecisionPolicy.missingRequired(ioctl(RequiredAccess.READ_WRITE, 1, List.of(), true).code(), 1));
    assertEquals(0, DecisionPolicy.missingRequired(ioctl(RequiredAccess.READ, 1, List.of(), true).code(), 0x120089));
    assertTrue(DecisionPolicy.noValidatedRight(ioctl(RequiredAccess.ANY, 0, List.of(), true)));
    assertFalse(DecisionPolicy.noValidatedRight(ioctl(RequiredAccess.ANY, 0, List.of(), false)));
    assertFalse(DecisionPolicy.noValidatedRight(ioctl(RequiredAccess.ANY, AccessMask.SYNCHRONIZE, List.of(), true)));
    assertEquals(2, DecisionPolicy.missingValidated(ioctl(RequiredAccess.ANY, 1, List.of("FILE_WRITE_ACCESS"), true)));
    assertEquals(0, DecisionPolicy.missingValidated(ioctl(RequiredAccess.ANY, 3, List.of("FILE_READ_ACCESS", "FILE_WRITE_ACCESS"), true)));
  }

  @Test
  void validatedMaskReadsTheTwoRightsInAnySpelling() {
    assertEquals(3, DecisionPolicy.validatedMask(List.of("FILE_READ_ACCESS | FILE_WRITE_ACCESS")));
    assertEquals(1, DecisionPolicy.validatedMask(List.of("FILE_READ_DATA")));
    assertEquals(0, DecisionPolicy.validatedMask(List.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DecisionPolicy.validatedMask(List.of("FILE_ALL_ACCESS")));
    assertTrue(e.getMessage().contains("`FILE_ALL_ACCESS`"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DecisionPolicy.validatedMask(List.of("NOPE")));
    assertTrue(DecisionPolicy.validationProblem(List.of("NOPE")).contains("`NOPE`"));
    assertEquals(null, DecisionPolicy.validationProblem(List.of("FILE_WRITE_ACCESS")));
    assertEquals(0, DecisionPolicy.missingValidated(ioctl(RequiredAccess.ANY, 0, List.of("NOPE"), true)));
  }

  @Test
  void objectAccessUsesTheTypesMapping() {
    SecurityDescriptor sd = Sddl.parse("D:P(A;;GX;;;IU)");
    AccessResult r = DecisionPolicy.objectAccess(sd, USER, AccessMask.SYNCHRONIZE, KernelObjectType.MUTEX);
    assertTrue(r.granted(), r.reason());
    assertFalse(DecisionPolicy.objectAccess(sd, USER, AccessMask.SYNCHRONIZE, KernelObjectType.SECTION).granted());
    assertEquals(AccessMask.MUTANT_ALL_ACCESS, DecisionPolicy.creatorAccess(KernelObjectType.MUTEX));
    assertEquals("MUTANT_QUERY_STATE|SYNCHRONIZE",
        DecisionPolicy.objectRights(AccessMask.SYNCHRONIZE | 1, KernelObjectType.MUTEX));
  }

  @Test
  void privileges() {
    assertFalse(DecisionPolicy.names(null));
    assertFalse(DecisionPolicy.names("  "));
    assertTrue(DecisionPolicy.names("SeLoadDriverPrivilege"));
    assertTrue(DecisionPolicy.holds(USER.withPrivileges("SeLoadDriverPrivilege"), " SeLoadDriverPrivilege "));
    assertFalse(DecisionPolicy.holds(USER, "SeLoadDriverPrivilege"));
  }
}
