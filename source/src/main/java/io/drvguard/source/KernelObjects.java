package io.drvguard.source;

import io.drvguard.facts.model.KernelObjectDef;
import io.drvguard.facts.model.KernelObjectType;
import io.drvguard.facts.model.Unresolved;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.treesitter.TSNode;

/**
 * Named kernel objects the code creates with the security attributes it passes: the Win32
 * {@code Create{Mutex,Event,Semaphore,FileMapping}[Ex][A|W]} calls a still-image minidriver makes,
 * and the kernel's {@code IoCreate{Notification,Synchronization}Event}, which take no descriptor
 * (the default applies). A NULL attributes argument means a NULL security descriptor; attributes
 * built in code whose descriptor cannot be resolved leave it unknown (reported, never assumed).
 * In a still-image minidriver every named object is shared by the instance an application loads
 * and the one the event monitor loads (STI-1).
 */
final class KernelObjects {
  /** Call name → (object type, index of the security-attributes argument or -1, index of the name). */
  private record Shape(KernelObjectType type, int attributes, int name) {}

  private static final Map<String, Shape> CALLS = Map.ofEntries(
      Map.entry("CreateMutex", new Shape(KernelObjectType.MUTEX, 0, 2)),
      Map.entry("CreateMutexEx", new Shape(KernelObjectType.MUTEX, 0, 1)),
      Map.entry("CreateEvent", new Shape(KernelObjectType.EVENT, 0, 3)),
      Map.entry("CreateEventEx", new Shape(KernelObjectType.EVENT, 0, 1)),
      Map.entry("CreateSemaphore", new Shape(KernelObjectType.SEMAPHORE, 0, 3)),
      Map.entry("CreateSemaphoreEx", new Shape(KernelObjectType.SEMAPHORE, 0, 3)),
      Map.entry("CreateFileMapping", new Shape(KernelObjectType.SECTION, 1, 5)),
      Map.entry("IoCreateNotificationEvent", new Shape(KernelObjectType.EVENT, -1, 0)),
      Map.entry("IoCreateSynchronizationEvent", new Shape(KernelObjectType.EVENT, -1, 0)));

  private KernelObjects() {}

  static List<KernelObjectDef> find(ScanContext cx, boolean stillImage) {
    List<KernelObjectDef> out = new ArrayList<>();
    for (String base : CALLS.keySet().stream().sorted().toList()) {
      Shape shape = CALLS.get(base);
      for (DriverCode.At call : cx.code.calls(base, base + "A", base + "W")) {
        List<TSNode> args = Nodes.arguments(call.node());
        if (args.size() <= Math.max(shape.name(), shape.attributes())) {
          continue;
        }
        Value name = cx.eval(new DriverCode.At(call.file(), args.get(shape.name())));
        if (name instanceof Value.Num n && n.value() == 0) {
          continue;
        }
        String objectName;
        if (name instanceof Value.Str s) {
          objectName = s.value();
        } else {
          objectName = "<unresolved: " + call.file().text(args.get(shape.name())).trim() + ">";
          cx.unresolved(objectName, "name", new DriverCode.At(call.file(), args.get(shape.name())), name.why());
        }
        if (shape.attributes() >= 0) {
          Value attrs = cx.eval(new DriverCode.At(call.file(), args.get(shape.attributes())));
          if (!(attrs instanceof Value.Num n && n.value() == 0)) {
            cx.unresolved(objectName, Unresolved.SDDL, new DriverCode.At(call.file(), args.get(shape.attributes())),
                "security attributes built at run time");
            continue;
          }
        }
        out.add(new KernelObjectDef(cx.pkg, objectName, shape.type(), null,
            stillImage ? List.of("application", "eventMonitor") : List.of(), cx.loc(call)));
      }
    }
    return out;
  }
}
