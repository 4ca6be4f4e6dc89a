/**
 * Reading {@code *.scenario.yaml} files (DESIGN.md "Scenario") into {@link
 * io.drvguard.adapters.scenario.Scenario} records with {@link
 * io.drvguard.adapters.scenario.ScenarioReader}. The DESIGN.md format is read exactly; every error
 * (unknown key, wrong type, unknown principal, handle, step kind, access name, status name or
 * target, duplicate step id, a step with zero or two kinds, a malformed SID, SDDL or control
 * code) is an {@link io.drvguard.adapters.InputException} with the file, the key path and the
 * line, codes prefixed {@code scenario_}.
 *
 * <h2>Keys and defaults</h2>
 *
 * <ul>
 *   <li>{@code scenario}: the name; default the file name without {@code .scenario.yaml}.
 *   <li>{@code package} (required): a package directory (its manifest) or a manifest/INF file,
 *       relative to the scenario file's directory.
 *   <li>{@code target}: default {@code win10}; one of {@code win2000 winxp win2003 vista win2008
 *       win7 win2008r2 win8 win2012 win81 win2012r2 win10 win2016 win2019 win2022 win11 win2025}
 *       (see {@link io.drvguard.facts.policy.Target}). Every target from {@code win2003} on
 *       requires a validated right for {@code FILE_ANY_ACCESS} IOCTLs (IOCTL-5).
 *   <li>{@code principals}: name → {@code {user, groups, privileges, noDefaultPrivileges}}.
 *       {@code user} and each group are an SDDL alias ({@code WD}, {@code BA}, …) or {@code S-1-…};
 *       membership is literal (no group is implied); privileges are {@code Se…Privilege} names, all
 *       enabled, added to the default privileges every Windows token holds
 *       ({@code SeChangeNotifyPrivilege}); {@code noDefaultPrivileges: true} leaves the defaults
 *       out (a restricted token, which the I/O manager traverse-checks, NS-2).
 *   <li>step {@code id}: default {@code step<N>} (1-based position); ids are unique.
 *   <li>{@code access}: a list of right names as {@code AccessMask.parseName} reads them
 *       ({@code FILE_READ_DATA}, {@code GENERIC_READ}, {@code SYNCHRONIZE}, {@code
 *       MAXIMUM_ALLOWED}, {@code A|B}, {@code 0x…}) or a number; absent = 0.
 *   <li>{@code ioctl.code}/{@code forward.code}: an IOCTL name of the package, a number, or
 *       {@code CTL_CODE(…)} text; a number given as a YAML integer is kept as {@code 0x%08X}
 *       text.
 *   <li>{@code expect}: {@code decision} ({@code allow|deny}), {@code status} (an {@code
 *       NtStatus} name), {@code requirement} (an id such as {@code NS-1}), {@code rule}; at least
 *       one.
 * </ul>
 *
 * <h2>Extensions to the DESIGN.md format</h2>
 *
 * <ul>
 *   <li>{@code relativeOpen} may take {@code as} and {@code access}; by default the relative open
 *       runs as the handle's principal and asks for the handle's granted access.
 *   <li>{@code open} may take {@code fileSddl}: the descriptor of the namespace object itself,
 *       for drivers that check file ACLs (NS-10); by default the device's effective descriptor.
 *   <li>{@code open} may take {@code api}: {@code native} (default, NtCreateFile: {@code access}
 *       is the desired access exactly) or {@code win32} (CreateFile, which adds {@code SYNCHRONIZE}
 *       and {@code FILE_READ_ATTRIBUTES}, so that {@code access: []} is a real no-access CreateFile).
 *   <li>{@code createObject} may take {@code as}: the application context's principal, default the
 *       first principal; {@code openObject}'s {@code as} defaults the same way. In the {@code
 *       eventMonitor} context, which runs as LocalSystem (STI-1), {@code as} is an error.
 *   <li>{@code close {handle}}: closes the handle. It is not decided (no request), so it may not
 *       have {@code expect}.
 * </ul>
 *
 * <h2>Checks</h2>
 *
 * A handle a step uses ({@code relativeOpen}, {@code ioctl}, {@code forward}, {@code close}) must
 * be bound by the {@code handle} key of an earlier {@code open} or {@code relativeOpen} step, and
 * only those two kinds may have {@code handle}. Whether the handle is actually open depends on
 * the decisions, so a handle whose open was denied or that was closed is not an input error: the
 * model reports it (see {@link io.drvguard.adapters.sim}). {@link
 * io.drvguard.adapters.scenario.ScenarioReader#read} checks the scenario alone; {@link
 * io.drvguard.adapters.scenario.ScenarioReader#load} also reads the package and rejects IOCTL
 * names the package does not define (when not a control code) and kernel objects it does not
 * declare (kernel object names compare case-insensitively, as Windows object names do).
 *
 * <h2>Long scenarios</h2>
 *
 * {@link io.drvguard.adapters.scenario.ScenarioReader#stream} reads the steps one at a time (see
 * {@link io.drvguard.adapters.tree.StreamedDocument}): a first pass over the file checks its syntax
 * and duplicate keys and reads every key but {@code steps}, wherever it stands; the steps are then
 * read, checked and handed out one by one, with the errors {@code load} gives, when they are
 * reached. Only the current step, the handle names and the step ids seen so far are held.
 */
package io.drvguard.adapters.scenario;
