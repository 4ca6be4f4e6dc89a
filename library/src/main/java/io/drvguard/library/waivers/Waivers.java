package io.drvguard.library.waivers;

import io.drvguard.adapters.InputException;
import io.drvguard.adapters.tree.Section;
import io.drvguard.adapters.tree.TreeLoader;
import io.drvguard.engine.CheckResult;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.model.Violation;
import io.drvguard.library.Note;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --waivers FILE}: accepted findings. A waived finding stays in every output marked waived
 * and no longer counts toward the exit status; a waiver past its expiry date no longer applies,
 * and expired or unused waivers are reported so the file does not rot.
 */
public final class Waivers {
  record Waiver(String rule, String requirement, String pkgGlob, String subjectGlob, Glob pkg, Glob subject,
      String reason, LocalDate expires, SourceLocation location) {
    boolean matches(Violation v) {
      return (rule == null || rule.equals(v.ruleId()))
          && (requirement == null || requirement.equals(v.requirement()))
          && pkg.matches(v.packageName() == null ? "" : v.packageName())
          && subject.matches(v.subject() == null ? "" : v.subject());
    }

    String describe() {
      return (rule != null ? "rule `" + rule + "`" : "requirement `" + requirement + "`")
          + " for package `" + pkgGlob + "` subject `" + subjectGlob + "`";
    }
  }

  private final List<Waiver> waivers;

  private Waivers(List<Waiver> waivers) {
    this.waivers = List.copyOf(waivers);
  }

  public static final Waivers NONE = new Waivers(List.of());

  public static Waivers read(Path file) throws InputException {
    Section root = TreeLoader.load("waivers", file);
    root.allowOnly(Set.of("waivers"));
    List<Waiver> out = new ArrayList<>();
    for (Section w : root.items("waivers")) {
      w.allowOnly(Set.of("rule", "requirement", "package", "subject", "reason", "expires"));
      String rule = w.string("rule", false);
      String requirement = w.string("requirement", false);
      if ((rule == null) == (requirement == null)) {
        throw w.error(null, "waivers_bad_value", "`" + w.path() + "` needs exactly one of `rule` and `requirement`");
      }
      String reason = w.string("reason", true);
      if (reason.isBlank()) {
        throw w.error("reason", "waivers_bad_value", "`" + w.keyPath("reason") + "` must say why the finding is accepted");
      }
      LocalDate expires = null;
      Object raw = w.raw("expires");
      if (raw != null) {
        try {
          expires = raw instanceof java.util.Date d
              ? d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate()
              : LocalDate.parse(raw.toString().trim());
        } catch (DateTimeParseException e) {
          throw w.error("expires", "waivers_bad_value", "`" + w.keyPath("expires") + "` is not a date (YYYY-MM-DD): `" + raw + "`");
        }
      }
      String pkg = w.string("package", false);
      String subject = w.string("subject", false);
      pkg = pkg == null ? "*" : pkg;
      subject = subject == null ? "*" : subject;
      out.add(new Waiver(rule, requirement, pkg, subject, glob(pkg), glob(subject), reason, expires, w.location()));
    }
    return new Waivers(out);
  }

  /** {@code *} any run of characters, {@code ?} one character; everything else literal (see {@link Glob}). */
  static Glob glob(String glob) {
    return new Glob(glob);
  }

  /** Waivers applied one package at a time, as packages are checked. */
  public Applied applied(LocalDate today) {
    return new Applied(today);
  }

  /** The waivers in use over one run: which matched so far, for the unused-waiver notes at the end. */
  public final class Applied {
    private final LocalDate today;
    private final Map<Waiver, Boolean> used = new IdentityHashMap<>();

    private Applied(LocalDate today) {
      this.today = today;
    }

    /** {@code r} with the findings a waiver in force covers marked waived. */
    public CheckResult apply(CheckResult r) {
      if (waivers.isEmpty()) {
        return r;
      }
      List<Violation> vs = new ArrayList<>();
      for (Violation v : r.violations()) {
        Waiver hit = null;
        for (Waiver w : waivers) {
          if (w.matches(v)) {
            used.put(w, true);
            if (w.expires() == null || !today.isAfter(w.expires())) {
              hit = w;
              break;
            }
          }
        }
        vs.add(hit == null ? v : v.withWaiver(hit.reason()));
      }
      return new CheckResult(r.packageName(), vs);
    }

    /** Expired waivers, and waivers no finding so far matched. */
    public List<Note> notes() {
      List<Note> notes = new ArrayList<>();
      for (Waiver w : waivers) {
        if (w.expires() != null && today.isAfter(w.expires())) {
          notes.add(new Note(w.location(), "waiver_expired",
              "the waiver of " + w.describe() + " expired on " + w.expires() + " and no longer applies"));
        } else if (!used.containsKey(w)) {
          notes.add(new Note(w.location(), "waiver_unused", "the waiver of " + w.describe() + " matched no finding"));
        }
      }
      return notes;
    }
  }
}
