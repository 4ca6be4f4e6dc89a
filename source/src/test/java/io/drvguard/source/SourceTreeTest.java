package io.drvguard.source;

import static io.drvguard.source.ScanSupport.assertAt;
import static io.drvguard.source.ScanSupport.ioctl;
import static io.drvguard.source.ScanSupport.onlyDevice;
import static io.drvguard.source.ScanSupport.scan;
import static io.drvguard.source.ScanSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.adapters.InputException;
import io.drvguard.facts.model.DeviceObject;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.IoctlDefinition;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceTreeTest {
  @TempDir Path dir;

  /** A minimal legacy driver naming its device {@code \Device\<tag>}; IoCreateDevice on line 7. */
  private static String driver(String tag) {
    return """
        #include <ntddk.h>
        NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
        {
            UNICODE_STRING name;
            PDEVICE_OBJECT DeviceObject;
            RtlInitUnicodeString(&name, L"\\\\Device\\\\%s");
            return IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &DeviceObject);
        }
        """.formatted(tag);
  }

  private static List<String> rels(SourceScanner.Result r) {
    return r.drivers().stream().map(ScannedDriver::rel).toList();
  }

  @Test
  void directoryWithDriverEntryDefinitionIsADriver() throws Exception {
    write(dir, "alpha/alpha.c", driver("Alpha"));
    SourceScanner.Result r = scan(dir);
    assertEquals(List.of(), r.errors());
    assertEquals(List.of("alpha"), rels(r));
    ScannedDriver sd = r.drivers().get(0);
    assertEquals("alpha", sd.pkg().name());
    assertEquals(dir.resolve("alpha"), sd.root());
    assertEquals("wdm", sd.framework());
    DeviceObject d = onlyDevice(sd.pkg());
    assertEquals("\\Device\\Alpha", d.name());
    assertAt("alpha/alpha.c", 7, d.location());
  }

  @Test
  void declarationOnlyIsNotADriver() {
    write(dir, "decl/decl.c", """
        #include <ntddk.h>
        DRIVER_INITIALIZE DriverEntry;
        NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath);
        DRIVER_DISPATCH DeclDispatch;
        void DeclSetup(PDRIVER_OBJECT DriverObject)
        {
            DriverObject->MajorFunction[IRP_MJ_CREATE] = DeclDispatch;
        }
        """);
    SourceScanner.Result r = scan(dir);
    assertEquals(List.of(), r.errors());
    assertEquals(List.of(), rels(r));
  }

  @Test
  void definitionWithCommentBeforeItsBodyIsADriver() {
    write(dir, "doc/doc.c", driver("Doc").replace("PUNICODE_STRING RegistryPath)\n",
        "PUNICODE_STRING RegistryPath)\n/*++ Routine Description: entry point. --*/\n// more\n"));
    assertEquals(List.of("doc"), rels(scan(dir)));
  }

  @Test
  void programDirectoryUnderADriverIsNotPartOfIt() {
    write(dir, "drv/drv.c", """
        #include <ntddk.h>
        #define IOCTL_DRV_PING CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)
        NTSTATUS DrvControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
        {
            switch (IoGetCurrentIrpStackLocation(Irp)->Parameters.DeviceIoControl.IoControlCode) {
            case IOCTL_DRV_PING:
                break;
            }
            return STATUS_SUCCESS;
        }
        NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
        {
            DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = DrvControl;
            return STATUS_SUCCESS;
        }
        """);
    write(dir, "drv/tool/tool.c", """
        #include <windows.h>
        #include <winioctl.h>
        #define IOCTL_TOOL_ONLY CTL_CODE(FILE_DEVICE_UNKNOWN, 0x8ff, METHOD_BUFFERED, FILE_ANY_ACCESS)
        int main(int argc, char **argv)
        {
            HANDLE ev = CreateEventW(NULL, FALSE, FALSE, L"ToolEvent");
            DWORD n;
            return DeviceIoControl(ev, IOCTL_TOOL_ONLY, NULL, 0, NULL, 0, &n, NULL) ? 0 : 1;
        }
        """);
    SourceScanner.Result r = scan(dir);
    ScannedDriver sd = ScanSupport.only(r);
    assertEquals("drv", sd.rel());
    DriverPackage p = sd.pkg();
    assertEquals(List.of("IOCTL_DRV_PING"), p.ioctls().stream().map(IoctlDefinition::name).toList());
    assertEquals(List.of(), p.kernelObjects());
    assertTrue(ioctl(p, "IOCTL_DRV_PING").userMode());
  }

  @Test
  void headerIncludedFromSiblingIncDirectoryIsFound() {
    write(dir, "proj/inc/public.h", """
        // shared with user mode
        #define IOCTL_PROJ_GET CTL_CODE(FILE_DEVICE_UNKNOWN, 0x810, METHOD_BUFFERED, FILE_READ_ACCESS)
        """);
    write(dir, "decoy/public.h", """
        #define IOCTL_DECOY CTL_CODE(FILE_DEVICE_UNKNOWN, 0x811, METHOD_BUFFERED, FILE_ANY_ACCESS)
        """);
    write(dir, "proj/sys/driver.c", """
        #include <ntddk.h>
        #include "../inc/public.h"
        NTSTATUS ProjControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
        {
            if (IoGetCurrentIrpStackLocation(Irp)->Parameters.DeviceIoControl.IoControlCode == IOCTL_PROJ_GET) {
                return STATUS_SUCCESS;
            }
            return STATUS_INVALID_DEVICE_REQUEST;
        }
        NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
        {
            DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = ProjControl;
            return STATUS_SUCCESS;
        }
        """);
    ScannedDriver sd = ScanSupport.only(scan(dir));
    assertEquals("proj/sys", sd.rel());
    DriverPackage p = sd.pkg();
    assertEquals(List.of("IOCTL_PROJ_GET"), p.ioctls().stream().map(IoctlDefinition::name).toList());
    IoctlDefinition i = ioctl(p, "IOCTL_PROJ_GET");
    assertEquals("0x00226040", i.code().hex());
    assertTrue(i.userMode());
    assertAt("proj/inc/public.h", 2, i.location());
  }

  @Test
  void headerIncludedByNameIsFoundElsewhereInTheTree() {
    write(dir, "common/names.h", "#define SHARED_NAME L\"\\\\Device\\\\Shared\"\n");
    write(dir, "drv/drv.c", driver("X").replace("#include <ntddk.h>", "#include <ntddk.h>\n#include \"names.h\"")
        .replace("L\"\\\\Device\\\\X\"", "SHARED_NAME"));
    ScannedDriver sd = ScanSupport.only(scan(dir));
    assertEquals("\\Device\\Shared", onlyDevice(sd.pkg()).name());
  }

  @Test
  void utf16LittleEndianWithBomIsRead() throws Exception {
    Path f = dir.resolve("wide/wide.c");
    Files.createDirectories(f.getParent());
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0xFF);
    b.write(0xFE);
    b.write(driver("Wide").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_16LE));
    Files.write(f, b.toByteArray());
    SourceScanner.Result r = scan(dir);
    ScannedDriver sd = ScanSupport.only(r);
    assertEquals("wide", sd.rel());
    DeviceObject d = onlyDevice(sd.pkg());
    assertEquals("\\Device\\Wide", d.name());
    assertAt("wide/wide.c", 7, d.location());
  }

  @Test
  void utf8WithBomIsRead() throws Exception {
    Path f = dir.resolve("bom/bom.c");
    Files.createDirectories(f.getParent());
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    b.write(driver("Bom").getBytes(StandardCharsets.UTF_8));
    Files.write(f, b.toByteArray());
    assertEquals("\\Device\\Bom", onlyDevice(ScanSupport.only(scan(dir)).pkg()).name());
  }

  private static byte[] binary() {
    byte[] junk = new byte[64];
    for (int i = 0; i < junk.length; i++) {
      junk[i] = (byte) (i * 37);
    }
    byte[] text = "NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r) { return 0; }".getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[junk.length + text.length];
    System.arraycopy(text, 0, out, 0, text.length);
    System.arraycopy(junk, 0, out, text.length, junk.length);
    return out;
  }

  @Test
  void binaryFileIsAnInputErrorAndOtherDriversAreStillReturned() throws Exception {
    write(dir, "good/good.c", driver("Good"));
    Path blob = dir.resolve("broken/blob.c");
    Files.createDirectories(blob.getParent());
    Files.write(blob, binary());
    SourceScanner.Result r = scan(dir);
    assertEquals(List.of("good"), rels(r));
    assertEquals(1, r.errors().size(), r.errors().toString());
    InputException e = r.errors().get(0);
    assertTrue(e.file().replace('\\', '/').endsWith("broken/blob.c"), e.file());
    assertEquals("source_unparsable", e.code());
    assertTrue(e.getMessage().contains("blob.c"), e.getMessage());
    assertEquals("\\Device\\Good", onlyDevice(r.drivers().get(0).pkg()).name());
  }

  @Test
  void binaryFileInsideADriverDirectoryDoesNotHideTheDriver() throws Exception {
    write(dir, "mixed/mixed.c", driver("Mixed"));
    Path blob = dir.resolve("mixed/data.c");
    Files.write(blob, binary());
    SourceScanner.Result r = scan(dir);
    assertEquals(List.of("mixed"), rels(r));
    assertEquals(1, r.errors().size(), r.errors().toString());
    assertTrue(r.errors().get(0).file().replace('\\', '/').endsWith("mixed/data.c"), r.errors().get(0).file());
    assertEquals("\\Device\\Mixed", onlyDevice(r.drivers().get(0).pkg()).name());
  }

  @Test
  void nestedDriversKeepTheirOwnFiles() {
    write(dir, "outer/outer.c", driver("Outer"));
    write(dir, "outer/inner/inner.c", driver("Inner"));
    SourceScanner.Result r = scan(dir);
    assertEquals(List.of(), r.errors());
    assertEquals(List.of("outer", "outer/inner"), rels(r));
    assertEquals("\\Device\\Outer", onlyDevice(r.drivers().get(0).pkg()).name());
    assertEquals("\\Device\\Inner", onlyDevice(r.drivers().get(1).pkg()).name());
  }

  @Test
  void hiddenDirectoriesAreSkipped() {
    write(dir, ".snapshot/old.c", driver("Old"));
    write(dir, "cur/cur.c", driver("Cur"));
    assertEquals(List.of("cur"), rels(scan(dir)));
  }

  @Test
  void windowsStyleIncludePathIsResolved() {
    write(dir, "proj/inc/public.h",
        "#define IOCTL_WIN_PATH CTL_CODE(FILE_DEVICE_UNKNOWN, 0x812, METHOD_BUFFERED, FILE_ANY_ACCESS)\n");
    write(dir, "proj/sys/driver.c", driver("WinPath").replace("#include <ntddk.h>",
        "#include <ntddk.h>\n#include \"..\\\\inc\\\\public.h\""));
    DriverPackage p = ScanSupport.only(scan(dir)).pkg();
    assertEquals("0x00222048", ioctl(p, "IOCTL_WIN_PATH").code().hex());
    assertAt("proj/inc/public.h", 1, ioctl(p, "IOCTL_WIN_PATH").location());
  }
}
