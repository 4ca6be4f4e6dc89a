package io.drvguard.facts.security;

import static io.drvguard.facts.security.AccessMask.*;

/**
 * A GENERIC_MAPPING: the specific rights each generic right stands for on one object type.
 * Values are those the Windows object types register (wdm.h / winnt.h definitions, and the
 * GENERIC_MAPPING of each kernel object type as documented for "File Security and Access Rights"
 * and "Synchronization Object Security and Access Rights").
 *
 * @param read the rights {@code GENERIC_READ} stands for
 * @param write the rights {@code GENERIC_WRITE} stands for
 * @param execute the rights {@code GENERIC_EXECUTE} stands for
 * @param all the rights {@code GENERIC_ALL} stands for
 */
public record GenericMapping(int read, int write, int execute, int all) {

  /** Files and device objects: the I/O manager's file-object mapping. */
  public static final GenericMapping FILE =
      new GenericMapping(FILE_GENERIC_READ, FILE_GENERIC_WRITE, FILE_GENERIC_EXECUTE, FILE_ALL_ACCESS);

  /** Mutexes (mutants): read = query state; write adds nothing specific; execute = synchronize. */
  public static final GenericMapping MUTEX = new GenericMapping(
      STANDARD_RIGHTS_READ | MUTANT_QUERY_STATE,
      STANDARD_RIGHTS_WRITE,
      STANDARD_RIGHTS_EXECUTE | SYNCHRONIZE,
      MUTANT_ALL_ACCESS);

  /** Events: read = query state; write = modify state; execute = synchronize. */
  public static final GenericMapping EVENT = new GenericMapping(
      STANDARD_RIGHTS_READ | EVENT_QUERY_STATE,
      STANDARD_RIGHTS_WRITE | EVENT_MODIFY_STATE,
      STANDARD_RIGHTS_EXECUTE | SYNCHRONIZE,
      EVENT_ALL_ACCESS);

  /** Semaphores: read = query state; write = modify state; execute = synchronize. */
  public static final GenericMapping SEMAPHORE = new GenericMapping(
      STANDARD_RIGHTS_READ | SEMAPHORE_QUERY_STATE,
      STANDARD_RIGHTS_WRITE | SEMAPHORE_MODIFY_STATE,
      STANDARD_RIGHTS_EXECUTE | SYNCHRONIZE,
      SEMAPHORE_ALL_ACCESS);

  /** Sections (file mappings); sections are not waitable, so execute carries no SYNCHRONIZE. */
  public static final GenericMapping SECTION = new GenericMapping(
      STANDARD_RIGHTS_READ | SECTION_QUERY | SECTION_MAP_READ,
      STANDARD_RIGHTS_WRITE | SECTION_MAP_WRITE,
      STANDARD_RIGHTS_EXECUTE | SECTION_MAP_EXECUTE,
      SECTION_ALL_ACCESS);

  /**
   * Replaces the generic bits of {@code mask} with the specific rights they map to and clears them,
   * as MapGenericMask / RtlMapGenericMask do. Other bits (including MAXIMUM_ALLOWED and
   * ACCESS_SYSTEM_SECURITY) pass through unchanged.
   */
  public int map(int mask) {
    int out = mask & ~(GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE | GENERIC_ALL);
    if ((mask & GENERIC_READ) != 0) {
      out |= read;
    }
    if ((mask & GENERIC_WRITE) != 0) {
      out |= write;
    }
    if ((mask & GENERIC_EXECUTE) != 0) {
      out |= execute;
    }
    if ((mask & GENERIC_ALL) != 0) {
      out |= all;
    }
    return out;
  }
}
