package io.drvguard.facts.policy;

import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.security.DeviceObjectSddl;
import io.drvguard.facts.security.Sddl;
import io.drvguard.facts.security.SddlException;
import io.drvguard.facts.security.SecurityDescriptor;
import java.util.List;

/**
 * An SDDL string found in a package, parsed once so rules match on the result rather than parse
 * themselves. A string that does not parse is a finding (OBJ-9), never a tool error, so the
 * parse error is kept here instead of being thrown.
 *
 * @param packageName the package
 * @param subject the device object id, INF value or kernel object name the SDDL belongs to
 * @param origin creation SDDL, INF {@code Security} value or kernel object descriptor
 * @param text the SDDL as written
 * @param descriptor the parsed descriptor; null when it does not parse
 * @param error why it does not parse; null when it does
 * @param errorPosition the 0-based offset in {@code text} of the parse error; -1 when it parses
 * @param subsetProblems what a creation SDDL uses outside the subset IoCreateDeviceSecure accepts (OBJ-9)
 * @param location where the SDDL is written
 */
public record SddlFact(
    String packageName,
    String subject,
    SddlOrigin origin,
    String text,
    SecurityDescriptor descriptor,
    String error,
    int errorPosition,
    List<String> subsetProblems,
    SourceLocation location) {

  public SddlFact {
    subsetProblems = List.copyOf(subsetProblems);
  }

  /** The fact for {@code text}, parsed, the subset judged for the default target. */
  public static SddlFact of(
      String packageName, String subject, SddlOrigin origin, String text, SourceLocation location) {
    return of(packageName, subject, origin, text, location, Target.DEFAULT);
  }

  /** As {@link #of(String, String, SddlOrigin, String, SourceLocation)}, judging the subset for {@code target}. */
  public static SddlFact of(
      String packageName, String subject, SddlOrigin origin, String text, SourceLocation location, Target target) {
    try {
      SecurityDescriptor sd = Sddl.parse(text);
      List<String> subset = origin == SddlOrigin.CREATION
          ? DeviceObjectSddl.problems(text, target.knowsUserModeDriversAlias()) : List.of();
      return new SddlFact(packageName, subject, origin, text, sd, null, -1, subset, location);
    } catch (SddlException e) {
      return new SddlFact(
          packageName, subject, origin, text, null, e.getMessage(), e.position(), List.of(), location);
    }
  }

  /** True when the SDDL parsed. */
  public boolean parsed() {
    return descriptor != null;
  }
}
