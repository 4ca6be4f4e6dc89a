package io.drvguard.source;

import io.drvguard.facts.ioctl.IoctlNames;
import io.drvguard.facts.model.DeviceCharacteristics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What the WDK's own headers define and a driver's sources only use: the {@code SDDL_DEVOBJ_*}
 * strings of wdmsec.h and the {@code GUID_DEVCLASS_*} of devguid.h (table {@code wdk-constants.tsv},
 * with the source of each value), the devioctl.h names ({@link IoctlNames}), the device
 * characteristics ({@link DeviceCharacteristics}) and the boolean and pointer constants.
 */
final class WdkConstants {
  private static final Map<String, String> STRINGS = load();

  private WdkConstants() {}

  /** The value of a WDK name, or an unknown value when the WDK does not define it (as far as drvguard knows). */
  static Value lookup(String name) {
    String s = STRINGS.get(name);
    if (s != null) {
      return new Value.Str(s);
    }
    switch (name) {
      case "TRUE", "true" -> {
        return new Value.Num(1);
      }
      case "FALSE", "false", "NULL", "nullptr", "WDF_NO_EVENT_CALLBACK", "WDF_NO_OBJECT_ATTRIBUTES", "WDF_NO_HANDLE" -> {
        return new Value.Num(0);
      }
      default -> { }
    }
    OptionalLong v = IoctlNames.value(name);
    if (v.isPresent()) {
      return new Value.Num(v.getAsLong());
    }
    return DeviceCharacteristics.valueOf(name).<Value>map(c -> new Value.Num(c & 0xFFFFFFFFL))
        .orElse(null);
  }

  private static Map<String, String> load() {
    Map<String, String> m = new HashMap<>();
    try (InputStream in = WdkConstants.class.getResourceAsStream("wdk-constants.tsv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      r.readLine();
      for (String line; (line = r.readLine()) != null; ) {
        String[] cols = line.split("\t", -1);
        if (cols.length >= 2 && !cols[0].isBlank()) {
          m.put(cols[0], cols[1]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(m);
  }
}
