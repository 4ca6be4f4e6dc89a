package io.drvguard.source;

import io.drvguard.facts.ioctl.CtlCode;
import io.drvguard.facts.model.IoctlDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.treesitter.TSNode;

/**
 * The driver's IOCTLs: every {@code #define} in its sources and the headers they include whose
 * value is built with {@code CTL_CODE} (directly or through the driver's own wrapper macros),
 * resolved to its 32-bit code. A code is reachable from user mode when a {@code case} label (or an
 * {@code ==} test) of it sits in a function the IRP_MJ_DEVICE_CONTROL dispatch routine or a queue's
 * EvtIoDeviceControl reaches; one handled only under IRP_MJ_INTERNAL_DEVICE_CONTROL or
 * EvtIoInternalDeviceControl, or not at all, is not. What the code under its label (and the
 * functions it calls) does gives {@code validatesAccess} ({@code IoValidateDeviceIoControlAccess}),
 * {@code forwardsDown} ({@code IoCallDriver}, {@code WdfRequestSend}, …) and the privilege check
 * ({@code SeSinglePrivilegeCheck}, also before the switch).
 */
final class Ioctls {
  private static final Pattern DEVICE_CONTROL = Pattern.compile(".*MajorFunction\\[IRP_MJ_DEVICE_CONTROL\\]");
  private static final Pattern INTERNAL_CONTROL = Pattern.compile(
      ".*MajorFunction\\[IRP_MJ_INTERNAL_DEVICE_CONTROL\\]");
  private static final Pattern EVT_CONTROL = Pattern.compile(".*\\.EvtIoDeviceControl");
  private static final Pattern EVT_INTERNAL = Pattern.compile(".*\\.EvtIoInternalDeviceControl");
  private static final Pattern MAJOR_LOOP = Pattern.compile(".*MajorFunction\\[\\w+\\]");
  private static final Set<String> FORWARD = Set.of(
      "IoCallDriver", "IofCallDriver", "WdfRequestSend", "IoForwardIrpSynchronously", "WdfRequestForwardToParentDeviceIoQueue");
  private static final Pattern PRIVILEGE = Pattern.compile("Se(\\w+)Privilege|SE_(\\w+)_PRIVILEGE");

  private Ioctls() {}

  static List<IoctlDefinition> find(ScanContext cx) {
    DriverCode code = cx.code;
    Set<String> user = code.reachable(handlers(code, DEVICE_CONTROL, EVT_CONTROL));
    Set<String> internal = code.reachable(handlers(code, INTERNAL_CONTROL, EVT_INTERNAL));
    Map<String, List<DriverCode.At>> labels = labels(code);
    List<IoctlDefinition> out = new ArrayList<>();
    Set<String> defined = new LinkedHashSet<>();
    for (Symbols.Macro m : List.copyOf(code.symbols.ordered)) {
      if (!buildsCtlCode(code.symbols, m.body(), 0)) {
        continue;
      }
      DriverCode.At at = new DriverCode.At(m.file(), m.node());
      Value v = code.eval.evalText(m.body());
      if (!(v instanceof Value.Num n) || n.value() < 0 || n.value() > 0xFFFFFFFFL) {
        cx.unresolved(m.name(), "code", at, v.known() ? "not a 32-bit code" : v.why());
        continue;
      }
      defined.add(m.name());
      List<DriverCode.At> handled = labels.getOrDefault(m.name(), List.of());
      boolean userMode = handled.stream().anyMatch(l -> user.contains(DriverCode.functionOf(l)));
      String body = handlerText(code, handled);
      String handlerFns = code.bodies(handlerFunctions(handled, user));
      List<String> validates = validates(body);
      boolean forwards = FORWARD.stream().anyMatch(body::contains);
      String privilege = null;
      boolean checks = false;
      for (String text : new String[] {body, beforeSwitch(handlerFns)}) {
        int i = text.indexOf("SeSinglePrivilegeCheck");
        if (i >= 0 && !checks) {
          checks = true;
          java.util.regex.Matcher p = PRIVILEGE.matcher(text.substring(i + "SeSinglePrivilegeCheck".length()));
          if (p.find()) {
            privilege = p.group(1) != null ? "Se" + p.group(1) + "Privilege" : camel(p.group(2));
          }
        }
      }
      out.add(new IoctlDefinition(cx.pkg, m.name(), m.body(), CtlCode.decode((int) n.value()), userMode, false,
          validates, forwards, forwards && checks ? privilege : null, checks, null, cx.loc(at)));
    }
    return out;
  }

  /** {@code SE_LOAD_DRIVER} → {@code SeLoadDriverPrivilege}. */
  private static String camel(String upper) {
    StringBuilder sb = new StringBuilder("Se");
    for (String part : upper.split("_")) {
      if (!part.isEmpty()) {
        sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
      }
    }
    return sb.append("Privilege").toString();
  }

  private static boolean buildsCtlCode(Symbols s, String body, int depth) {
    if (body.contains("CTL_CODE")) {
      return true;
    }
    if (depth > 6) {
      return false;
    }
    java.util.regex.Matcher m = Pattern.compile("\\b(\\w+)\\s*\\(").matcher(body);
    while (m.find()) {
      Symbols.FnMacro f = s.fnMacro(m.group(1));
      if (f != null && buildsCtlCode(s, f.body(), depth + 1)) {
        return true;
      }
    }
    return false;
  }

  /** The dispatch routines assigned to a MajorFunction slot or a queue callback. */
  private static Set<String> handlers(DriverCode code, Pattern wdm, Pattern kmdf) {
    Set<String> out = new LinkedHashSet<>();
    for (DriverCode.At a : code.assignedTo(wdm)) {
      out.add(a.text());
    }
    for (DriverCode.At a : code.assignedTo(kmdf)) {
      out.add(a.text());
    }
    // for (i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++) MajorFunction[i] = Pass: every slot, both kinds
    if (wdm == DEVICE_CONTROL || wdm == INTERNAL_CONTROL) {
      for (DriverCode.At a : code.assignedTo(MAJOR_LOOP)) {
        TSNode assignment = a.node().getParent();
        String left = assignment == null ? "" : a.file().text(Nodes.field(assignment, "left"));
        if (!left.contains("IRP_MJ_")) {
          out.add(a.text());
        }
      }
    }
    out.removeIf(s -> !s.matches("\\w+"));
    return out;
  }

  /** {@code case NAME:} labels and {@code x == NAME} tests, by the name they test. */
  private static Map<String, List<DriverCode.At>> labels(DriverCode code) {
    Map<String, List<DriverCode.At>> out = new LinkedHashMap<>();
    for (CFile f : code.files) {
      for (TSNode n : f.nodes("case_statement")) {
        TSNode v = Nodes.field(n, "value");
        if (v != null && "identifier".equals(v.getType())) {
          out.computeIfAbsent(f.text(v), k -> new ArrayList<>()).add(new DriverCode.At(f, n));
        }
      }
      for (TSNode n : f.nodes("equality")) {
        // code == IOCTL_X and IOCTL_X == code; only names of the driver's IOCTLs are looked up later
        for (String side : List.of("left", "right")) {
          TSNode v = Nodes.field(n, side);
          if (v != null && "identifier".equals(v.getType())) {
            out.computeIfAbsent(f.text(v), k -> new ArrayList<>()).add(new DriverCode.At(f, n));
          }
        }
      }
    }
    return out;
  }

  /** The code under the labels: the case's statements (through fall-through to the next break) and the functions they call. */
  private static String handlerText(DriverCode code, List<DriverCode.At> labels) {
    StringBuilder sb = new StringBuilder();
    for (DriverCode.At l : labels) {
      TSNode n = l.node();
      if ("case_statement".equals(n.getType())) {
        // an empty case falls through to the statements of the next non-empty one
        TSNode c = n;
        while (c != null && !c.isNull() && "case_statement".equals(c.getType())) {
          String t = l.file().text(c);
          sb.append(t).append('\n');
          if (c.getNamedChildCount() > 1) {
            break;
          }
          c = c.getNextNamedSibling();
        }
      } else {
        TSNode stmt = n.getParent();
        while (stmt != null && !stmt.isNull() && !"if_statement".equals(stmt.getType())) {
          stmt = stmt.getParent();
        }
        if (stmt != null && !stmt.isNull()) {
          TSNode cons = Nodes.field(stmt, "consequence");
          sb.append(l.file().text(cons == null ? stmt : cons)).append('\n');
        }
      }
    }
    String direct = sb.toString();
    Set<String> called = new LinkedHashSet<>();
    java.util.regex.Matcher m = Pattern.compile("\\b(\\w+)\\s*\\(").matcher(direct);
    while (m.find()) {
      if (code.defines(m.group(1))) {
        called.add(m.group(1));
      }
    }
    return direct + code.bodies(code.reachable(called));
  }

  private static Set<String> handlerFunctions(List<DriverCode.At> labels, Set<String> user) {
    Set<String> out = new LinkedHashSet<>();
    for (DriverCode.At l : labels) {
      String fn = DriverCode.functionOf(l);
      if (fn != null && user.contains(fn)) {
        out.add(fn);
      }
    }
    return out;
  }

  /** The part of a handler before its first {@code switch}: a check there guards every case. */
  private static String beforeSwitch(String fn) {
    int i = fn.indexOf("switch");
    return i < 0 ? "" : fn.substring(0, i);
  }

  /** The argument text of every call of {@code name} in {@code text}, up to its matching parenthesis. */
  static List<String> callArguments(String text, String name) {
    List<String> out = new ArrayList<>();
    java.util.regex.Matcher m = Pattern.compile("\\b" + name + "\\s*\\(").matcher(text);
    while (m.find()) {
      int depth = 1;
      int i = m.end();
      while (i < text.length() && depth > 0) {
        char c = text.charAt(i++);
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      }
      out.add(text.substring(m.end(), Math.max(m.end(), i - 1)));
    }
    return out;
  }

  /** The access rights {@code IoValidateDeviceIoControlAccess} checks in the handler's code. */
  private static List<String> validates(String text) {
    Set<String> out = new LinkedHashSet<>();
    for (String args : callArguments(text, "IoValidateDeviceIoControlAccess")) {
      for (String name : List.of("FILE_READ_ACCESS", "FILE_WRITE_ACCESS", "FILE_READ_DATA", "FILE_WRITE_DATA")) {
        if (args.contains(name)) {
          out.add(name);
        }
      }
    }
    return new ArrayList<>(out);
  }
}
