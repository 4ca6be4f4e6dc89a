package io.drvguard.source;

import static io.drvguard.source.ScanSupport.assertAt;
import static io.drvguard.source.ScanSupport.kernelObject;
import static io.drvguard.source.ScanSupport.oneUnresolved;
import static io.drvguard.source.ScanSupport.scan;
import static io.drvguard.source.ScanSupport.scanOne;
import static io.drvguard.source.ScanSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.DriverRole;
import io.drvguard.facts.model.KernelObjectDef;
import io.drvguard.facts.model.KernelObjectType;
import io.drvguard.facts.model.Unresolved;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelObjectsTest {
  @TempDir Path dir;

  @Test
  void kernelNotificationEventHasTheDefaultDescriptor() {
    write(dir, "ev.c", """
        #include <ntddk.h>
        NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
        {
            UNICODE_STRING evName;
            HANDLE h;
            RtlInitUnicodeString(&evName, L"\\\\BaseNamedObjects\\\\KoReady");
            PKEVENT ev = IoCreateNotificationEvent(&evName, &h);
            return ev ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
        }
        """);
    DriverPackage p = scanOne(dir);
    assertEquals(1, p.kernelObjects().size(), p.kernelObjects().toString());
    KernelObjectDef k = kernelObject(p, "\\BaseNamedObjects\\KoReady");
    assertEquals(KernelObjectType.EVENT, k.type());
    assertNull(k.sddl());
    assertEquals(List.of(), k.sharedBetween());
    assertAt("ev.c", 7, k.location());
    assertEquals(List.of(), p.unresolved());
  }

  private static final String STI = """
      #include <windows.h>
      #include <sti.h>
      #include <stiusd.h>
      class CKoUsd : public IStiUSD
      {
      public:
          STDMETHODIMP Initialize(PSTIDEVICECONTROL pHelper, DWORD dwStiVersion, HKEY hParametersKey);
      private:
          HANDLE m_hLock;
          HANDLE m_hEvent;
      };
      STDMETHODIMP CKoUsd::Initialize(PSTIDEVICECONTROL pHelper, DWORD dwStiVersion, HKEY hParametersKey)
      {
          SECURITY_ATTRIBUTES sa;
          m_hLock = CreateMutexW(NULL, FALSE, L"Global\\\\KoUsdLock");
          m_hEvent = CreateEventW(%s, TRUE, FALSE, L"Global\\\\KoUsdEvent");
          HANDLE unnamed = CreateEventW(NULL, FALSE, FALSE, NULL);
          return S_OK;
      }
      """;

  @Test
  void stillImageMinidriverSharesNamedObjectsWithNullDescriptor() {
    write(dir, "usd.cpp", STI.formatted("NULL"));
    ScannedDriver sd = ScanSupport.only(scan(dir));
    assertEquals("sti", sd.framework());
    DriverPackage p = sd.pkg();
    assertEquals(DriverRole.STILLIMAGE, p.driver().role());
    assertEquals(List.of(), p.deviceObjects());
    assertEquals(2, p.kernelObjects().size(), p.kernelObjects().toString());
    KernelObjectDef mutex = kernelObject(p, "Global\\KoUsdLock");
    assertEquals(KernelObjectType.MUTEX, mutex.type());
    assertNull(mutex.sddl());
    assertEquals(List.of("application", "eventMonitor"), mutex.sharedBetween());
    assertAt("usd.cpp", 15, mutex.location());
    KernelObjectDef event = kernelObject(p, "Global\\KoUsdEvent");
    assertEquals(KernelObjectType.EVENT, event.type());
    assertAt("usd.cpp", 16, event.location());
    assertEquals(List.of(), p.unresolved());
  }

  @Test
  void securityAttributesBuiltAtRunTimeLeaveTheSddlUnresolved() {
    write(dir, "usd.cpp", STI.formatted("&sa"));
    DriverPackage p = ScanSupport.only(scan(dir)).pkg();
    assertEquals(List.of("Global\\KoUsdLock"), p.kernelObjects().stream().map(KernelObjectDef::name).toList());
    Unresolved u = oneUnresolved(p, "Global\\KoUsdEvent", Unresolved.SDDL);
    assertEquals("&sa", u.expression());
    assertAt("usd.cpp", 16, u.location());
    assertTrue(p.sddlUnresolved("Global\\KoUsdEvent"));
  }

  @Test
  void objectWithUnresolvedNameIsRecorded() {
    write(dir, "ev.c", """
        #include <ntddk.h>
        NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
        {
            HANDLE h;
            PKEVENT ev = IoCreateSynchronizationEvent(RegistryPath, &h);
            return ev ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
        }
        """);
    DriverPackage p = scanOne(dir);
    KernelObjectDef k = kernelObject(p, "<unresolved: RegistryPath>");
    assertEquals(KernelObjectType.EVENT, k.type());
    Unresolved u = oneUnresolved(p, "<unresolved: RegistryPath>", "name");
    assertEquals("RegistryPath", u.expression());
    assertAt("ev.c", 5, u.location());
  }

  @Test
  void sectionsAndSemaphoresOfAStillImageMinidriver() {
    write(dir, "usd.cpp", """
        #include <windows.h>
        class CSecUsd : public IStiUSD
        {
        };
        HRESULT CSecUsd_Open(void)
        {
            HANDLE s = CreateSemaphoreW(NULL, 0, 4, L"Local\\\\SecUsdSem");
            HANDLE m = CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096, L"Local\\\\SecUsdMap");
            return (s && m) ? S_OK : E_FAIL;
        }
        """);
    DriverPackage p = ScanSupport.only(scan(dir)).pkg();
    assertEquals(KernelObjectType.SEMAPHORE, kernelObject(p, "Local\\SecUsdSem").type());
    assertEquals(KernelObjectType.SECTION, kernelObject(p, "Local\\SecUsdMap").type());
    assertAt("usd.cpp", 8, kernelObject(p, "Local\\SecUsdMap").location());
    assertEquals(List.of("application", "eventMonitor"), kernelObject(p, "Local\\SecUsdMap").sharedBetween());
  }
}
