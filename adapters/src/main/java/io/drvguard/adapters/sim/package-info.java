/**
 * The simulated device model: {@link io.drvguard.adapters.sim.DeviceModel} resolves scenario
 * steps into {@link io.drvguard.facts.request.Request} facts and records what allowed requests
 * do; it never decides. Every decision comes from the decider callback (the rule engine). {@link
 * io.drvguard.adapters.sim.Simulation} streams a whole scenario through a fresh model and compares
 * results with {@code expect}.
 *
 * <h2>Resolution</h2>
 *
 * <ul>
 *   <li>Request ids are {@code <scenario name>#<step id>}. Each request's origin is the package
 *       and the step's location, or the package's manifest (its directory for a bare INF) for a
 *       step read from no file, so a hole the rules find in it is reported there.
 *   <li>{@code open}: the object namespace holds the package's named device objects,
 *       case-insensitively; the longest name that the path starts with, at a {@code \} boundary,
 *       wins. {@code \Device\Name} is {@code DIRECT}; {@code \Device\Name\} and {@code
 *       \Device\Name\rest} are {@code NAMESPACE} with remainder {@code \} or {@code \rest}; any
 *       other path is {@code found=false} with every other field empty. The request carries the
 *       named object's effective descriptor (M-1; null when its SDDL does not parse), FILE_DEVICE_SECURE_OPEN
 *       of the top of its stack (NS-11), the driver's {@code namespace} and dispatch flags,
 *       DO_EXCLUSIVE (an object of the stack created {@code exclusive: true}, or the INF {@code
 *       Exclusive} value, hardware key before class key, on an INF-covered stack), the handles
 *       open on the stack now, and the file descriptor ({@code fileSddl}, else the device's).
 *   <li>{@code relativeOpen}: {@code RELATIVE} on the handle's device object and path, remainder
 *       {@code ""}, desired access = {@code access} or the handle's granted access, principal =
 *       {@code as} or the handle's. A handle that is not open (its open was denied, or it was
 *       closed) gives {@code found=false}, with the closed handle's path when there is one.
 *   <li>{@code ioctl}: the code is the package IOCTL of that name, else the parsed number or
 *       {@code CTL_CODE}; {@code known} when the package defines that code (a number equal to a
 *       package IOCTL's code resolves to it, name included); {@code validatesAccess} from that
 *       IOCTL; {@code requiresValidatedRight} = target {@code win2003} or later (IOCTL-5).
 *   <li>{@code forward}: the handle's principal and token, the IOCTL's {@code requiresPrivilege},
 *       {@code checksPrivilege}, {@code forwardsDown} (null/false/false for a code the package
 *       does not define).
 *   <li>{@code ioctl}/{@code forward} on a handle that is not open: {@code handle == null},
 *       granted access 0, and the principal (and token) of the step that last bound that name.
 *       Decision rules should deny these ({@code STATUS_INVALID_HANDLE}).
 *   <li>{@code createObject}: the {@code application} context runs as the step's principal, the
 *       {@code eventMonitor} context as {@link io.drvguard.facts.security.Token#localSystem()}
 *       with principal name {@code LocalSystem} (STI-1). The descriptor is the package entry's
 *       SDDL, or for a NULL descriptor the creator token's default DACL: LocalSystem gets {@code
 *       D:(A;;GA;;;SY)(A;;GRGX;;;BA)}, any other user {@code D:(A;;GA;;;<user SID>)(A;;GA;;;SY)}
 *       (STI-2). When an instance already created the object, {@code exists=true} and the
 *       descriptor is the existing object's (a create then opens it).
 *   <li>{@code openObject}: the recorded descriptor and creator context, the opener's context and
 *       token (as for {@code createObject}) and desired access; {@code found=false} before any
 *       create was allowed.
 *   <li>An object the package does not declare, or a code that is neither a package IOCTL nor a
 *       control code, is a {@link io.drvguard.adapters.sim.SimulationException} naming the step
 *       (the reader's {@code load} rejects both earlier).
 * </ul>
 *
 * <h2>Applying decisions</h2>
 *
 * An allowed open or relative open of a found object counts one more handle on its stack and, when
 * the step has {@code handle}, binds that name with the decision's {@code grantedAccess}. An
 * allowed open without {@code handle} still leaves a handle open (it counts, but nothing can close
 * it); binding a name that is already open leaves the older handle open and unreachable, as a
 * program overwriting its handle variable would. An allowed {@code createObject} of a new object
 * records it. A deny changes nothing; an allow of a request that was not found changes nothing.
 * {@code close} (no request, no decision) removes the handle, decrements its stack's count and
 * keeps the handle under its name among the closed handles.
 *
 * <p>The model keeps no per-step history: its state grows only with distinct handle and object
 * names, so arbitrarily long scenarios run in bounded memory. One model per run; not thread-safe.
 */
package io.drvguard.adapters.sim;
