package io.drvguard.cli;

import static io.drvguard.cli.CheckCommandTest.assertNoStackTrace;
import static io.drvguard.cli.CheckCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drvguard scan} and {@code drvguard check} on driver sources: findings at the C line, overlays, bad files. */
class SourceScanCommandTest {
  @TempDir Path dir;

  /** A legacy driver written for this test: a named IoCreateDevice object and a FILE_ANY_ACCESS IOCTL. */
  static final String HEADER = """
      #pragma once
      #define LEG_DEVICE_NAME L"\\\\Device\\\\LegTest"
      #define LEG_TYPE 0x8123
      #define IOCTL_LEG_QUERY CTL_CODE(LEG_TYPE, 0x900, METHOD_BUFFERED, FILE_ANY_ACCESS)
      """;
  static final String SOURCE = """
      #include <ntddk.h>
      #include "leg.h"

      DRIVER_DISPATCH LegCreate;
      DRIVER_DISPATCH LegControl;

      NTSTATUS
      DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
      {
          UNICODE_STRING name;
          PDEVICE_OBJECT device;
          NTSTATUS status;

          UNREFERENCED_PARAMETER(RegistryPath);
          RtlInitUnicodeString(&name, LEG_DEVICE_NAME);
          status = IoCreateDevice(DriverObject, 0, &name, LEG_TYPE, 0, FALSE, &device);
          DriverObject->MajorFunction[IRP_MJ_CREATE] = LegCreate;
          DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = LegControl;
          return status;
      }

      NTSTATUS LegCreate(PDEVICE_OBJECT DeviceObject, PIRP Irp)
      {
          UNREFERENCED_PARAMETER(DeviceObject);
          Irp->IoStatus.Status = STATUS_SUCCESS;
          IoCompleteRequest(Irp, IO_NO_INCREMENT);
          return STATUS_SUCCESS;
      }

      NTSTATUS LegControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
      {
          PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
          switch (sp->Parameters.DeviceIoControl.IoControlCode) {
          case IOCTL_LEG_QUERY:
              break;
          }
          IoCompleteRequest(Irp, IO_NO_INCREMENT);
          return STATUS_SUCCESS;
      }
      """;
  /** The line of the IoCreateDevice call in {@link #SOURCE}. */
  static final int CREATE_LINE = 16;

  private Path driver(String name) throws Exception {
    Path d = dir.resolve(name);
    Files.createDirectories(d);
    Files.writeString(d.resolve("leg.h"), HEADER);
    Files.writeString(d.resolve("leg.c"), SOURCE);
    return d;
  }

  @Test
  void scanPrintsAManifestThatReadsBackAsOne() throws Exception {
    Path src = driver("leg");
    CheckCommandTest.Run r = run("scan", src.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("- id: device   # at: leg.c:" + CREATE_LINE), r.out());
    assertTrue(r.out().contains("name: '\\Device\\LegTest'"), r.out());
    assertTrue(r.out().contains("- name: IOCTL_LEG_QUERY   # at: leg.h:4"), r.out());
    assertTrue(r.out().contains("code: '0x81232400'"), r.out());
    // saved elsewhere as a manifest, it is read as one (no exit 2) and gives the same findings
    Path saved = dir.resolve("saved");
    Files.createDirectories(saved);
    Files.writeString(saved.resolve("drvguard.yaml"), r.out());
    CheckCommandTest.Run fromManifest = run("check", "--format", "json", saved.toString());
    CheckCommandTest.Run fromSource = run("check", "--format", "json", src.toString());
    assertEquals(1, fromManifest.code(), fromManifest.err());
    assertEquals(rules(fromSource.out()), rules(fromManifest.out()));
  }

  private static java.util.List<String> rules(String json) throws Exception {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (JsonNode v : new ObjectMapper().readTree(json).path("violations")) {
      out.add(v.path("ruleId").asText() + "/" + v.path("subject").asText().replaceAll("^[^/]*/", ""));
    }
    out.sort(null);
    return out;
  }

  @Test
  void scanJsonCarriesAtOnEveryElement() throws Exception {
    Path src = driver("leg");
    CheckCommandTest.Run r = run("scan", "--format", "json", src.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode p = new ObjectMapper().readTree(r.out()).path("packages").get(0);
    assertEquals(".", p.path("root").asText());
    assertEquals("wdm", p.path("framework").asText());
    assertEquals("legacy", p.path("driver").path("role").asText());
    assertEquals("leg.c:" + CREATE_LINE, p.path("deviceObjects").get(0).path("at").asText());
    assertEquals("0x81232400", p.path("ioctls").get(0).path("code").asText());
    assertTrue(p.path("ioctls").get(0).path("userMode").asBoolean());
    assertEquals("leg.h:4", p.path("ioctls").get(0).path("at").asText());
  }

  @Test
  void checkOnSourcesPointsEveryFindingAtTheCLine() throws Exception {
    Path src = driver("leg");
    CheckCommandTest.Run text = run("check", src.toString());
    assertEquals(1, text.code(), text.err());
    String c = src.resolve("leg.c").toString();
    assertTrue(text.out().contains(c + ":" + CREATE_LINE + ":"), text.out());
    assertTrue(text.out().contains("[OBJ-8 LegacyDeviceWithoutIoCreateDeviceSecure]"), text.out());
    assertTrue(text.out().contains(src.resolve("leg.h") + ":4:1: warning:")
        && text.out().contains("[IOCTL-3 UserModeIoctlAnyAccess]"), text.out());

    JsonNode json = new ObjectMapper().readTree(run("check", "--format", "json", src.toString()).out());
    boolean atC = false;
    for (JsonNode v : json.path("violations")) {
      assertTrue(v.path("location").path("file").asText().endsWith(".c")
          || v.path("location").path("file").asText().endsWith(".h"), v.toString());
      atC |= v.path("location").path("file").asText().equals(c) && v.path("location").path("line").asInt() == CREATE_LINE;
    }
    assertTrue(atC, json.toString());

    String sarif = run("check", "--format", "sarif", src.toString()).out();
    assertTrue(sarif.contains("leg.c") && sarif.contains("\"startLine\" : " + CREATE_LINE)
        || sarif.contains("\"startLine\":" + CREATE_LINE), sarif);
    String junit = run("check", "--format", "junit", src.toString()).out();
    assertTrue(junit.contains("leg.c:" + CREATE_LINE), junit);
  }

  @Test
  void aManifestBesideTheSourcesCorrectsOnlyWhatItWrites() throws Exception {
    Path src = driver("leg");
    Files.writeString(src.resolve("drvguard.yaml"), """
        deviceObjects:
          - id: device
            createdWith: IoCreateDeviceSecure
            sddl: 'D:P(A;;GA;;;SY)'
            classGuid: '{6e3c1a52-95f4-4d8b-8f0e-2a4b1c9d7e11}'
            characteristics: [FILE_DEVICE_SECURE_OPEN]
        """);
    CheckCommandTest.Run r = run("check", src.toString());
    assertEquals(1, r.code(), r.err());
    assertFalse(r.out().contains("OBJ-8"), r.out());
    // the IOCTL the manifest does not mention is still the scan's, at its #define
    assertTrue(r.out().contains(src.resolve("leg.h") + ":4:1: warning:"), r.out());
    // the corrected SDDL points at the manifest, where the user wrote it
    CheckCommandTest.Run scan = run("scan", src.toString());
    assertTrue(scan.out().contains("createdWith: IoCreateDevice\n"), "scan prints the inference, not the overlay");
  }

  @Test
  void anUnreadableFileIsExit2AndTheOtherDriversAreStillChecked() throws Exception {
    Path good = driver("good");
    Path bad = dir.resolve("bad");
    Files.createDirectories(bad);
    byte[] binary = "NTSTATUS DriverEntry(void) { return 0; }\0\0\1\2".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(bad.resolve("bad.c"), binary);
    CheckCommandTest.Run r = run("check", dir.toString());
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains(bad.resolve("bad.c").toString()) && r.err().contains("source_unparsable"), r.err());
    assertTrue(r.out().contains(good.resolve("leg.c").toString()), r.out());
    assertNoStackTrace(r);

    CheckCommandTest.Run scan = run("scan", dir.toString());
    assertEquals(2, scan.code());
    assertTrue(scan.out().contains("good"), scan.out());
  }

  @Test
  void aDirectoryWithoutADriverIsExit2ForScan() throws Exception {
    Path d = dir.resolve("tool");
    Files.createDirectories(d);
    Files.writeString(d.resolve("main.c"), "int main(void) { return 0; }\n");
    CheckCommandTest.Run r = run("scan", d.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("no_driver"), r.err());
  }
}
