package io.drvguard.source;

import io.drvguard.facts.model.CreationRoutine;
import io.drvguard.facts.model.DeviceCharacteristics;
import io.drvguard.facts.model.DeviceObject;
import io.drvguard.facts.model.DeviceObjectKind;
import io.drvguard.facts.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.treesitter.TSNode;

/**
 * Device objects a WDM driver creates: every {@code IoCreateDevice}, {@code IoCreateDeviceSecure}
 * and {@code WdmlibIoCreateDeviceSecure} call with its arguments resolved. The kind comes from where
 * the call runs: in a legacy driver (no AddDevice) a legacy object; reached from AddDevice in a
 * driver that attaches to the stack an FDO (filter DO for a filter driver); in a file system a
 * control object from DriverEntry and a volume object elsewhere; in a PnP driver from
 * DriverEntry/AddDevice without attaching a control object; created elsewhere by a driver that
 * answers BusRelations a child PDO.
 */
final class WdmDeviceObjects {
  private static final Pattern COPIES_CHARACTERISTICS = Pattern.compile(".*->Characteristics");
  private static final int FILE_DEVICE_DISK_FILE_SYSTEM = 0x08;
  private static final int FILE_DEVICE_CD_ROM_FILE_SYSTEM = 0x03;
  private static final int FILE_DEVICE_NETWORK_FILE_SYSTEM = 0x14;

  private WdmDeviceObjects() {}

  static List<DeviceObject> find(ScanContext cx, DriverShape shape, Ids ids) {
    DriverCode code = cx.code;
    boolean attaches = !code.calls("IoAttachDeviceToDeviceStack", "IoAttachDeviceToDeviceStackSafe").isEmpty();
    boolean bus = code.files.stream().anyMatch(f -> f.text().contains("BusRelations"));
    boolean raw = code.assignedTo(Pattern.compile(".*RawDeviceOK")).stream()
        .anyMatch(a -> code.eval.eval(a.file(), a.node()) instanceof Value.Num n && n.value() != 0);
    boolean copies = code.assignedTo(COPIES_CHARACTERISTICS).stream()
        .anyMatch(a -> a.text().contains("Characteristics"));
    List<DeviceObject> out = new ArrayList<>();
    for (DriverCode.At call : code.calls("IoCreateDevice", "IoCreateDeviceSecure", "WdmlibIoCreateDeviceSecure")) {
      List<TSNode> args = Nodes.arguments(call.node());
      String callee = Nodes.callee(call.file(), call.node());
      boolean secure = !"IoCreateDevice".equals(callee);
      if (args.size() != (secure ? 9 : 7)) {
        continue;
      }
      String id = ids.next(variable(call.file(), args.get(args.size() - 1)), "deviceObject");
      String fn = DriverCode.functionOf(call);
      Integer type = deviceType(cx, id, new DriverCode.At(call.file(), args.get(3)));
      DeviceObjectKind kind = kind(shape, fn, attaches, bus, type);
      String name = name(cx, id, new DriverCode.At(call.file(), args.get(2)));
      List<String> charNames = new ArrayList<>();
      int chars = characteristics(cx, id, new DriverCode.At(call.file(), args.get(4)));
      charNames.addAll(DeviceCharacteristics.names(chars));
      boolean exclusive = flag(cx, id, "exclusive", new DriverCode.At(call.file(), args.get(5)));
      String sddl = null;
      String guid = null;
      SourceLocation sddlAt = cx.loc(call);
      if (secure) {
        DriverCode.At s = new DriverCode.At(call.file(), args.get(6));
        sddlAt = cx.loc(s);
        sddl = string(cx, id, "sddl", s);
        guid = guid(cx, id, new DriverCode.At(call.file(), args.get(7)));
      }
      boolean filterObject = kind == DeviceObjectKind.FILTER;
      out.add(new DeviceObject(cx.pkg, id, kind, id, 0, kind == DeviceObjectKind.PDO && raw, name,
          secure ? CreationRoutine.IoCreateDeviceSecure : CreationRoutine.IoCreateDevice, sddl, guid, chars, charNames,
          exclusive, kind == DeviceObjectKind.VOLUME, filterObject && copies, cx.loc(call), sddlAt, type));
    }
    return out;
  }

  private static DeviceObjectKind kind(DriverShape shape, String fn, boolean attaches, boolean bus, Integer type) {
    boolean fromEntry = fn != null && shape.fromEntry.contains(fn);
    boolean fromAdd = fn != null && shape.fromAddDevice.contains(fn);
    if (shape.fileSystem) {
      boolean fsType = type != null && (type == FILE_DEVICE_DISK_FILE_SYSTEM || type == FILE_DEVICE_CD_ROM_FILE_SYSTEM
          || type == FILE_DEVICE_NETWORK_FILE_SYSTEM);
      return fromEntry || !fsType ? DeviceObjectKind.CONTROL : DeviceObjectKind.VOLUME;
    }
    if (!shape.pnp) {
      return DeviceObjectKind.LEGACY;
    }
    if (fromAdd && attaches) {
      return shape.filter ? DeviceObjectKind.FILTER : DeviceObjectKind.FDO;
    }
    if (fromAdd || fromEntry || !bus) {
      return DeviceObjectKind.CONTROL;
    }
    return DeviceObjectKind.PDO;
  }

  /** The variable a {@code &x} (or {@code &ext->x}) output argument names, for the element's id. */
  static String variable(CFile f, TSNode arg) {
    String t = f.text(arg).replaceAll("[&\\s()]", "");
    int arrow = Math.max(t.lastIndexOf("->"), t.lastIndexOf('.'));
    String v = arrow >= 0 ? t.substring(arrow + (t.charAt(arrow) == '.' ? 1 : 2)) : t;
    return v.matches("\\w+") ? v : null;
  }

  static String name(ScanContext cx, String id, DriverCode.At arg) {
    Value v = cx.eval(arg);
    if (v instanceof Value.Num n && n.value() == 0) {
      return null;
    }
    if (v instanceof Value.Str s) {
      return s.value();
    }
    cx.unresolved(id, "name", arg, v.why());
    return "<unresolved: " + arg.text().replaceAll("\\s+", " ").trim() + ">";
  }

  static Integer deviceType(ScanContext cx, String id, DriverCode.At arg) {
    Value v = cx.eval(arg);
    if (v instanceof Value.Num n && n.value() >= 0 && n.value() <= 0xFFFF) {
      return (int) n.value();
    }
    cx.unresolved(id, "deviceType", arg, v.known() ? "not a device type" : v.why());
    return null;
  }

  /** Characteristics that cannot be resolved count as none: a flag is never assumed set. */
  static int characteristics(ScanContext cx, String id, DriverCode.At arg) {
    Value v = cx.eval(arg);
    if (v instanceof Value.Num n) {
      return (int) n.value();
    }
    cx.unresolved(id, "characteristics", arg, v.why() + "; taken as none set");
    return 0;
  }

  static boolean flag(ScanContext cx, String id, String what, DriverCode.At arg) {
    Value v = cx.eval(arg);
    if (v instanceof Value.Num n) {
      return n.value() != 0;
    }
    cx.unresolved(id, what, arg, v.why() + "; taken as FALSE");
    return false;
  }

  /** A string argument; NULL gives null; anything unresolved is recorded (an SDDL then stays unknown). */
  static String string(ScanContext cx, String id, String what, DriverCode.At arg) {
    Value v = cx.eval(arg);
    if (v instanceof Value.Str s) {
      return s.value();
    }
    if (v instanceof Value.Num n && n.value() == 0) {
      return null;
    }
    cx.unresolved(id, what, arg, v.known() ? "not a string" : v.why());
    return null;
  }

  static String guid(ScanContext cx, String id, DriverCode.At arg) {
    return string(cx, id, "classGuid", arg);
  }

  /** Unique element ids from variable names: {@code deviceObject}, {@code deviceObject2}, … */
  static final class Ids {
    private final Set<String> used = new java.util.HashSet<>();

    String next(String base, String fallback) {
      String b = base == null || base.isBlank() ? fallback : base;
      String id = b;
      for (int i = 2; !used.add(id); i++) {
        id = b + i;
      }
      return id;
    }
  }
}
