package io.drvguard.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.drvguard.facts.model.DriverPackage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The INF's {@code [Version] ClassGuid} names the class key its ClassInstall32 section writes (M-1). */
class PackageReaderClassGuidTest {
  @TempDir Path dir;

  private static final String MANIFEST = "driver: {name: p, role: function, inf: p.inf}\n"
      + "deviceObjects:\n  - {id: fdo0, kind: fdo}\n";

  @Test
  void theClassGuidOfTheVersionSectionIsKept() throws Exception {
    Files.writeString(dir.resolve("drvguard.yaml"), MANIFEST);
    Files.writeString(dir.resolve("p.inf"), "[Version]\r\nSignature=\"$WINDOWS NT$\"\r\nClass=Sample\r\n"
        + "ClassGuid = %SampleGuid% ; the class key\r\n[Strings]\r\nSampleGuid=\"{7B2E4C91-3A5D-4F60-8E1B-9C0D2A4F6E83}\"\r\n");
    DriverPackage p = new PackageReader().read(dir.resolve("drvguard.yaml"));
    assertEquals("{7B2E4C91-3A5D-4F60-8E1B-9C0D2A4F6E83}", p.infClassGuid());

    DriverPackage bare = new PackageReader().read(dir.resolve("p.inf"));
    assertEquals("{7B2E4C91-3A5D-4F60-8E1B-9C0D2A4F6E83}", bare.infClassGuid());
  }

  @Test
  void anInfWithoutClassGuidHasNone() throws Exception {
    Files.writeString(dir.resolve("drvguard.yaml"), MANIFEST);
    Files.writeString(dir.resolve("p.inf"), "[Version]\nSignature=\"$WINDOWS NT$\"\nClass=Sample\n");
    assertNull(new PackageReader().read(dir.resolve("drvguard.yaml")).infClassGuid());
  }
}
