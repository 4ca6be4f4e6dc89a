package io.drvguard.facts.security;

import static io.drvguard.facts.security.AccessMask.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GenericMappingTest {
  @Test
  void fileMappingUsesTheFileGenericRights() {
    GenericMapping m = GenericMapping.FILE;
    assertEquals(FILE_GENERIC_READ, m.map(GENERIC_READ));
    assertEquals(FILE_GENERIC_WRITE, m.map(GENERIC_WRITE));
    assertEquals(FILE_GENERIC_EXECUTE, m.map(GENERIC_EXECUTE));
    assertEquals(FILE_ALL_ACCESS, m.map(GENERIC_ALL));
    assertEquals(FILE_GENERIC_READ | FILE_GENERIC_WRITE | FILE_GENERIC_EXECUTE, m.map(GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE));
  }

  @Test
  void nonGenericBitsPassThrough() {
    assertEquals(FILE_READ_DATA | MAXIMUM_ALLOWED | ACCESS_SYSTEM_SECURITY,
        GenericMapping.FILE.map(FILE_READ_DATA | MAXIMUM_ALLOWED | ACCESS_SYSTEM_SECURITY));
    assertEquals(FILE_GENERIC_READ | DELETE, GenericMapping.FILE.map(GENERIC_READ | DELETE));
    assertEquals(0, GenericMapping.FILE.map(0));
  }

  @Test
  void kernelObjectMappingsAreTheWindowsValues() {
    assertEquals(new GenericMapping(0x20001, 0x20000, 0x120000, 0x1F0001), GenericMapping.MUTEX);
    assertEquals(new GenericMapping(0x20001, 0x20002, 0x120000, 0x1F0003), GenericMapping.EVENT);
    assertEquals(new GenericMapping(0x20001, 0x20002, 0x120000, 0x1F0003), GenericMapping.SEMAPHORE);
    assertEquals(new GenericMapping(0x20005, 0x20002, 0x20008, 0xF001F), GenericMapping.SECTION);
    assertEquals(SECTION_MAP_READ | SECTION_QUERY | READ_CONTROL, GenericMapping.SECTION.map(GENERIC_READ));
    assertEquals(EVENT_MODIFY_STATE | READ_CONTROL, GenericMapping.EVENT.map(GENERIC_WRITE));
  }
}
