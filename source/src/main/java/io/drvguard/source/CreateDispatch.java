package io.drvguard.source;

import io.drvguard.facts.model.Dispatch;
import io.drvguard.facts.model.SourceLocation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.treesitter.TSNode;

/**
 * What the driver does with IRP_MJ_CREATE. The routine is the one assigned to
 * {@code MajorFunction[IRP_MJ_CREATE]} (or to every slot in a loop), or a KMDF driver's
 * EvtDeviceFileCreate ({@code WDF_FILEOBJECT_CONFIG_INIT}). Code it reaches that reads
 * {@code FileName.Length} fails namespace opens, code that reads {@code RelatedFileObject} fails
 * relative opens (NS-6, NS-8). A WDM driver with no create routine fails every open: the I/O
 * manager's default dispatch completes it with STATUS_INVALID_DEVICE_REQUEST. A KMDF driver without
 * EvtDeviceFileCreate has the framework succeed the open (a filter passes it down).
 */
final class CreateDispatch {
  private static final Pattern CREATE = Pattern.compile(".*MajorFunction\\[IRP_MJ_CREATE\\]");
  private static final Pattern ANY_SLOT = Pattern.compile(".*MajorFunction\\[\\w+\\]");
  private static final Pattern FILE_NAME_LENGTH = Pattern.compile("FileName\\s*(\\.|->)\\s*Length|WdfFileObjectGetFileName");

  /** The result: the dispatch facts, the routine's location (null when none) and whether any exists. */
  record Result(Dispatch dispatch, SourceLocation at, boolean hasRoutine) {}

  private CreateDispatch() {}

  static Result find(ScanContext cx, DriverShape shape) {
    DriverCode code = cx.code;
    Set<String> routines = new LinkedHashSet<>();
    DriverCode.At first = null;
    for (DriverCode.At a : code.assignedTo(CREATE)) {
      if (a.text().matches("\\w+")) {
        routines.add(a.text());
        first = first == null ? a : first;
      }
    }
    for (DriverCode.At a : code.assignedTo(ANY_SLOT)) {
      TSNode assignment = a.node().getParent();
      TSNode left = assignment == null ? null : Nodes.field(assignment, "left");
      if (left != null && !a.file().text(left).contains("IRP_MJ_") && a.text().matches("\\w+")) {
        routines.add(a.text());
        first = first == null ? a : first;
      }
    }
    for (DriverCode.At c : code.calls("WDF_FILEOBJECT_CONFIG_INIT")) {
      List<TSNode> args = Nodes.arguments(c.node());
      if (args.size() >= 2 && "identifier".equals(args.get(1).getType())) {
        String name = c.file().text(args.get(1));
        if (!"WDF_NO_EVENT_CALLBACK".equals(name) && !"NULL".equals(name)) {
          routines.add(name);
          first = first == null ? new DriverCode.At(c.file(), args.get(1)) : first;
        }
      }
    }
    if (routines.isEmpty()) {
      boolean failsAll = !shape.kmdf;
      return new Result(new Dispatch(failsAll, failsAll, false, false), null, false);
    }
    String text = code.bodies(code.reachable(routines));
    return new Result(new Dispatch(text.contains("RelatedFileObject"), FILE_NAME_LENGTH.matcher(text).find(), false,
        false), cx.loc(first), true);
  }
}
