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

  public boolean parsed() {
    return descriptor != null;
  }
}
