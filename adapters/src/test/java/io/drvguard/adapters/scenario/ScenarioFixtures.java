package io.drvguard.adapters.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Packages and scenarios written into a test's temporary directory. */
public final class ScenarioFixtures {
  private ScenarioFixtures() {}

  /** The manifest of DESIGN.md (without its INF), plus an FDO so that the PDO has a stack above it. */
  public static final String TOASTBUS = """
      driver:
        name: toastbus
        role: bus
        namespace: false
        exclusive: false
        dispatch:
          failsRelatedOpen: true
          failsNamespaceOpen: true
          checksFileAcl: false
          enforcesExclusive: false
      deviceObjects:
        - id: pdo0
          kind: pdo
          stack: main
          rawMode: true
          name: '\\Device\\ToastPdo0'
          createdWith: IoCreateDeviceSecure
          sddl: 'D:P(A;;GA;;;SY)'
          classGuid: '{b85b7c50-6a01-11d2-b841-00c04fad5171}'
          characteristics: [FILE_DEVICE_SECURE_OPEN]
      ioctls:
        - name: IOCTL_TOAST_EJECT
          code: 'CTL_CODE(FILE_DEVICE_BUS_EXTENDER, 0x801, METHOD_BUFFERED, FILE_WRITE_DATA)'
          userMode: true
          changesState: true
          validatesAccess: [FILE_WRITE_ACCESS]
          forwardsDown: true
          requiresPrivilege: SeLoadDriverPrivilege
          checksPrivilege: true
      kernelObjects:
        - name: 'Global\\ScanLock'
          type: mutex
          sddl: null
          sharedBetween: [application, eventMonitor]
      """;

  /** The scenario of DESIGN.md, line for line. */
  public static final String DESIGN_SCENARIO = """
      scenario: unprivileged user against the raw PDO
      package: ../packages/toastbus          # directory or manifest
      target: win10                          # OS target (IOCTL-5)
      principals:
        alice:  { user: 'S-1-5-21-1-2-3-1001', groups: [WD, AU, BU, IU] }
        admin:  { user: 'S-1-5-21-1-2-3-500', groups: [WD, AU, BA], privileges: [SeLoadDriverPrivilege] }
      steps:
        - id: s1
          open: { as: alice, path: '\\Device\\ToastPdo0', access: [FILE_READ_DATA] }
          handle: h1
          expect: { decision: deny, status: STATUS_ACCESS_DENIED, requirement: NS-1 }
        - id: s2
          open: { as: alice, path: '\\Device\\ToastPdo0\\x', access: [FILE_READ_DATA] }
          expect: { decision: deny }
        - id: s3
          ioctl: { handle: h1, code: IOCTL_TOAST_EJECT }
        - id: s4
          relativeOpen: { handle: h1 }
        - id: s5
          forward: { handle: h1, code: IOCTL_TOAST_EJECT }
        - id: s6
          createObject: { object: 'Global\\ScanLock', context: eventMonitor }
        - id: s7
          openObject: { object: 'Global\\ScanLock', context: application, as: alice, access: [SYNCHRONIZE] }
          expect: { decision: deny }
      """;

  /** Writes {@code text} to {@code dir/relative}, creating directories. */
  public static Path write(Path dir, String relative, String text) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  /** {@code dir/packages/<name>/drvguard.yaml}. */
  public static Path pkg(Path dir, String name, String manifest) throws IOException {
    return write(dir, "packages/" + name + "/drvguard.yaml", manifest);
  }

  /** {@code dir/scenarios/<name>.scenario.yaml}. */
  public static Path scenario(Path dir, String name, String text) throws IOException {
    return write(dir, "scenarios/" + name + ".scenario.yaml", text);
  }
}
