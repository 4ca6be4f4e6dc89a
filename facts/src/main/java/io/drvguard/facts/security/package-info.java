/**
 * The Windows security core drvguard's rules and decisions stand on: SIDs ({@link
 * io.drvguard.facts.security.Sid}), access masks and generic mappings ({@link
 * io.drvguard.facts.security.AccessMask}, {@link io.drvguard.facts.security.GenericMapping}),
 * the SDDL model and its reader/writer ({@link io.drvguard.facts.security.Sddl}, requirement M-3),
 * the IoCreateDeviceSecure subset ({@link io.drvguard.facts.security.DeviceObjectSddl}, OBJ-9) and
 * the DACL access check ({@link io.drvguard.facts.security.AccessCheck}, M-2).
 *
 * <p>Deliberate limits:
 * <ul>
 *   <li>domain-relative SID aliases (LA LG DA DU DG DC DD CA SA EA PA CN AP KA EK RS RO) need a
 *       domain SID ({@code Sddl.parse(text, domain)}); machine, domain and forest root share it;
 *   <li>conditional/callback ACEs (XA XD ZA XU), resource-attribute (RA) and access-filter (FL)
 *       ACEs are rejected as {@code sddl_unsupported}; the ACE flags TP and CR are not read;
 *   <li>the access check reads the DACL only: no mandatory integrity label, no restricted or
 *       deny-only SIDs, no object-type lists, no central access policies.
 * </ul>
 */
package io.drvguard.facts.security;
