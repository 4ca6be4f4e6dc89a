package io.drvguard.adapters.inf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.facts.inf.AddRegEffect;
import io.drvguard.facts.inf.InfRegistryValue;
import io.drvguard.facts.inf.RegistryKeyKind;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.policy.InfDeviceSettings;
import io.drvguard.facts.policy.PackageModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AddRegResolverTest {
  private final InfReader reader = new InfReader();

  static final String INF = """
      [Version]
      Signature="$WINDOWS NT$"
      [Manufacturer]
      %Mfg%=Std,NTamd64,NT$ARCH$.10.0...16299
      [Std.NTamd64]
      %Desc%=Toast_Install, Root\\Toast
      [Std.NT$ARCH$.10.0...16299]
      %Desc%=Other_Inst, Root\\Other
      [Toast_Install.NTamd64]
      AddReg = SwReg ; software key
      [TOAST_INSTALL.ntAMD64.hw]
      AddReg = hwreg, SHARED
      AddReg=Missing
      [Toast_Install.NTamd64.Services]
      AddService = toast,2,Svc_Inst
      [Svc_Inst]
      AddReg = SvcReg
      [Toast_Install.NTamd64.CoInstallers]
      AddReg = CoReg
      [Toast_Install.NTamd64.Wdf]
      AddReg = CoReg
      [Other_Inst.NT$ARCH$.10.0...16299]
      AddReg = OtherSw
      [Other_Inst.NT$ARCH$.10.0...16299.HW]
      AddReg = Shared, shared
      [Unlisted.NT.HW]
      AddReg = Shared
      [ClassInstall32.NTamd64]
      AddReg = ClassReg
      [DefaultInstall]
      AddReg = DefReg
      [HwReg]
      HKR,,DeviceCharacteristics,0x10001,0x100 ; FILE_DEVICE_SECURE_OPEN
      HKR,,Security,,"D:P(A;;GA;;;SY)(A;;GR;;;%Who%)"
      HKR,,Exclusive
      [Shared]
      HKR,,DeviceType,0x10001,0x1b
      [SwReg]
      HKR,,Security,,
      HKR,Parameters,Bin,1,01,02,"0A"
      [OtherSw]
      hklm,Software\\X,Name,0x00010000,"a","b"
      [ClassReg]
      HKR,,Icon,,-5
      [SvcReg]
      HKR,,Security,,"D:P"
      [CoReg]
      HKR,,Security,,"D:P"
      [DefReg]
      HKR,,Security,,"D:P"
      [Strings]
      Mfg=M
      Desc=D
      Who=BA
      """;

  private List<InfRegistryValue> values() throws InfException {
    InfFile inf = reader.read("toast.inx", INF.getBytes(StandardCharsets.UTF_8));
    return AddRegResolver.resolve(inf, "pkg");
  }

  private static String summary(InfRegistryValue v) {
    return v.location().line() + " " + v.keyKind() + " " + v.referencedFrom() + " -> " + v.section() + " " + v.valueName();
  }

  @Test
  void followsAddRegFromHwClassAndDdInstallSectionsOnly() throws InfException {
    assertEquals(List.of(
        "39 SOFTWARE Toast_Install.NTamd64 -> SwReg Security",
        "40 SOFTWARE Toast_Install.NTamd64 -> SwReg Bin",
        "33 HW TOAST_INSTALL.ntAMD64.hw -> HwReg DeviceCharacteristics",
        "34 HW TOAST_INSTALL.ntAMD64.hw -> HwReg Security",
        "35 HW TOAST_INSTALL.ntAMD64.hw -> HwReg Exclusive",
        "37 HW TOAST_INSTALL.ntAMD64.hw -> Shared DeviceType",
        "42 SOFTWARE Other_Inst.NT$ARCH$.10.0...16299 -> OtherSw Name",
        "37 HW Other_Inst.NT$ARCH$.10.0...16299.HW -> Shared DeviceType",
        "37 HW Unlisted.NT.HW -> Shared DeviceType",
        "44 CLASS ClassInstall32.NTamd64 -> ClassReg Icon"),
        values().stream().map(AddRegResolverTest::summary).toList());
  }

  @Test
  void fieldsOfEachValue() throws InfException {
    List<InfRegistryValue> v = values();
    InfRegistryValue chars = v.get(2);
    assertEquals(new InfRegistryValue("pkg", "HwReg", "TOAST_INSTALL.ntAMD64.hw", RegistryKeyKind.HW, "HKR", "",
        "DeviceCharacteristics", "0x10001", "0x100", false,
        "HKR,,DeviceCharacteristics,0x10001,0x100 ; FILE_DEVICE_SECURE_OPEN", SourceLocation.of("toast.inx", 33)), chars);
    InfRegistryValue sddl = v.get(3);
    assertEquals("D:P(A;;GA;;;SY)(A;;GR;;;BA)", sddl.value()); // substituted inside the quotes
    assertTrue(sddl.valueQuoted());
    assertEquals("", sddl.flags());
    InfRegistryValue exclusive = v.get(4);
    assertNull(exclusive.value()); // no value field at all
    assertEquals("", exclusive.flags());
    InfRegistryValue empty = v.get(0);
    assertEquals("", empty.value()); // value field present but empty
    assertFalse(empty.valueQuoted());
    InfRegistryValue bin = v.get(1);
    assertEquals("Parameters", bin.subkey());
    assertEquals("01,02,0A", bin.value());
    assertFalse(bin.valueQuoted());
    InfRegistryValue multi = v.get(6);
    assertEquals("HKLM", multi.root());
    assertEquals("Software\\X", multi.subkey());
    assertEquals("a,b", multi.value());
    assertTrue(multi.valueQuoted());
    assertEquals(0x10000L, multi.flagsValue());
  }

  @Test
  void keyKindsAndInstallSections() throws InfException {
    InfFile inf = reader.read("toast.inx", INF.getBytes(StandardCharsets.UTF_8));
    assertEquals(Set.of("toast_install", "other_inst"), AddRegResolver.installSectionNames(inf));
    assertEquals(Optional.of(RegistryKeyKind.HW), AddRegResolver.keyKind(inf, "x.nt.HW"));
    assertEquals(Optional.of(RegistryKeyKind.CLASS), AddRegResolver.keyKind(inf, "classinstall32"));
    assertEquals(Optional.of(RegistryKeyKind.CLASS), AddRegResolver.keyKind(inf, "ClassInstall32.nt$ARCH$"));
    assertEquals(Optional.empty(), AddRegResolver.keyKind(inf, "ClassInstall32.Services"));
    assertEquals(Optional.of(RegistryKeyKind.SOFTWARE), AddRegResolver.keyKind(inf, "toast_install"));
    assertEquals(Optional.of(RegistryKeyKind.SOFTWARE), AddRegResolver.keyKind(inf, "Toast_Install.NT"));
    assertEquals(Optional.of(RegistryKeyKind.SOFTWARE), AddRegResolver.keyKind(inf, "Toast_Install.NTarm64.10.0...22000"));
    for (String sub : List.of("Services", "CoInstallers", "Wdf", "Interfaces", "Components", "Software")) {
      assertEquals(Optional.empty(), AddRegResolver.keyKind(inf, "Toast_Install.NTamd64." + sub), sub);
    }
    assertEquals(Optional.empty(), AddRegResolver.keyKind(inf, "DefaultInstall"));
    assertEquals(Optional.empty(), AddRegResolver.keyKind(inf, "Toast_InstallX.NT"));
    // the missing section is a diagnostic of the file, and skipped by the resolver
    assertEquals(List.of("`AddReg` in section `TOAST_INSTALL.ntAMD64.hw` names section `Missing`, which the file does not have"),
        inf.diagnostics().stream().map(InfDiagnostic::message).toList());
    assertEquals(13, inf.diagnostics().get(0).location().line());
  }

  @Test
  void readsTheSameFromUtf16() throws InfException {
    byte[] le = ("\uFEFF" + INF.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_16LE);
    InfFile inf = reader.read("toast.inx", le);
    assertEquals("UTF-16LE", inf.encoding());
    assertEquals(values(), AddRegResolver.resolve(inf, "pkg"));
  }

  @Test
  void flagsFromStringKeysAndSectionOrderDecideWhatTheKeyHolds() throws InfException {
    String text = """
        [Version]
        Signature="$WINDOWS NT$"
        [Dev.NT.HW]
        AddReg = DevReg, LaterReg
        [DevReg]
        HKR,,DeviceType,%DWORD_NOCLOBBER%,0x1F
        HKR,,DeviceCharacteristics,"0x00010001",0x100
        HKR,,Security,,"D:P(A;;GA;;;SY)"
        [LaterReg]
        HKR,,Security,%FLG_ADDREG_DELVAL%
        HKR,,Exclusive,0x10011,1
        [Strings]
        DWORD_NOCLOBBER = 0x00010003
        FLG_ADDREG_DELVAL = 0x00000004
        """;
    List<InfRegistryValue> v = AddRegResolver.resolve(reader.read("dev.inf", text.getBytes(StandardCharsets.UTF_8)), "pkg");
    assertEquals(List.of("0x00010003", "0x00010001", "", "0x00000004", "0x10011"),
        v.stream().map(InfRegistryValue::flags).toList());
    assertEquals(List.of(AddRegEffect.Kind.WRITE, AddRegEffect.Kind.WRITE, AddRegEffect.Kind.WRITE,
        AddRegEffect.Kind.DELETE, AddRegEffect.Kind.KEY_ONLY), v.stream().map(x -> x.effect().kind()).toList());
    InfDeviceSettings hw = PackageModel.infSettings(new DriverPackage("pkg", Path.of("."), null, null, List.of(),
        List.of(), List.of(), "dev.inf", v)).get(RegistryKeyKind.HW);
    assertEquals(0x1F, hw.deviceType()); // FILE_DEVICE_TAPE, REG_DWORD | NOCLOBBER
    assertEquals(0x100, hw.characteristics());
    assertFalse(hw.setsSecurity()); // deleted by the section AddReg names after it
    assertNull(hw.exclusive()); // KEYONLY writes no value
  }
}
