package io.drvguard.source;

import java.util.List;

/**
 * A fast look at a file's identifiers before any parse: whether it can hold a fact at all. One
 * pass over the characters, comparing each identifier with a few names and prefixes, costs a
 * fraction of a regular expression with many alternatives (and of a parse, most of a scan's time).
 */
final class Tokens {
  /** Identifiers that mark code a fact can come from; a trailing {@code *} makes a prefix. */
  static final List<String> RELEVANT = List.of(
      "IoControlCode", "EvtIoDeviceControl", "EvtIoInternalDeviceControl",
      "IoCreateDevice*", "WdmlibIoCreateDeviceSecure", "WdfDeviceCreate", "WdfDeviceInit*", "WdfPdoInit*",
      "WdfControlDeviceInit*", "WdfFdoInit*", "AddDevice", "WDF_DRIVER_CONFIG_INIT", "WDF_FILEOBJECT_CONFIG_INIT",
      "DriverEntry", "IoAttachDevice*", "RawDeviceOK", "IoRegisterFileSystem", "BusRelations",
      "IoValidateDeviceIoControlAccess", "SeSinglePrivilegeCheck", "CreateMutex*", "CreateEvent*",
      "CreateSemaphore*", "CreateFileMapping*", "IoCreateNotificationEvent", "IoCreateSynchronizationEvent",
      "RelatedFileObject", "CTL_CODE", "IStiUSD", "IoCallDriver", "IofCallDriver", "WdfRequestSend",
      "IoForwardIrpSynchronously");

  /** A dispatch-table slot being set ({@code DriverObject->MajorFunction[...]}, not an IRP's field). */
  private static final java.util.regex.Pattern SLOT = java.util.regex.Pattern.compile("MajorFunction\\s*\\[");
  /** A code tested by a dispatch routine: {@code case IOCTL_X:} or {@code x == IOCTL_X}. */
  private static final java.util.regex.Pattern LABEL = java.util.regex.Pattern.compile(
      "case\\s+\\(?\\w*IOCTL|\\w*IOCTL\\w*\\s*==|==\\s*\\w*IOCTL");

  private Tokens() {}

  /** True when {@code text} has an identifier among {@link #RELEVANT}. */
  static boolean relevant(String text) {
    return any(text, RELEVANT)
        || (text.contains("MajorFunction") && SLOT.matcher(text).find())
        || (text.contains("IOCTL") && LABEL.matcher(text).find());
  }

  /** The names by their first character (ASCII only, as identifiers in driver code are). */
  private static final List<List<String>> BY_FIRST = byFirst(RELEVANT);

  private static List<List<String>> byFirst(List<String> names) {
    List<List<String>> out = new java.util.ArrayList<>();
    for (int c = 0; c < 128; c++) {
      out.add(new java.util.ArrayList<>());
    }
    for (String n : names) {
      out.get(n.charAt(0)).add(n);
    }
    return out;
  }

  static boolean any(String text, List<String> names) {
    List<List<String>> index = names == RELEVANT ? BY_FIRST : byFirst(names);
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (!identifierPart(c) || (c >= '0' && c <= '9')) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && identifierPart(text.charAt(i))) {
        i++;
      }
      if (c < 128 && !index.get(c).isEmpty() && matches(text, start, i, index.get(c))) {
        return true;
      }
    }
    return false;
  }

  private static boolean identifierPart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c > 127;
  }

  private static boolean matches(String text, int start, int end, List<String> names) {
    int len = end - start;
    for (String name : names) {
      boolean prefix = name.endsWith("*");
      int k = prefix ? name.length() - 1 : name.length();
      if ((prefix ? len >= k : len == k) && text.regionMatches(start, name, 0, k)) {
        return true;
      }
    }
    return false;
  }
}
