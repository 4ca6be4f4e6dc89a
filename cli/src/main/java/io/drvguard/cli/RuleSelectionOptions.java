package io.drvguard.cli;

import io.drvguard.adapters.InputException;
import io.drvguard.engine.RuleBase;
import io.drvguard.engine.RuleSelection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * {@code --only} and {@code --skip}: which rules report findings, by rule id or requirement id
 * (as conftest and semgrep select rules). A name that is no rule and no requirement is an error, as
 * is a decision rule: decisions are not selected.
 */
final class RuleSelectionOptions {
  @Option(names = "--only", paramLabel = "ID", split = ",",
      description = "Report only the findings of these rules or requirements (comma-separated or repeated), e.g. --only OBJ-1,NS-6.")
  List<String> only = new ArrayList<>();

  @Option(names = "--skip", paramLabel = "ID", split = ",",
      description = "Do not report the findings of these rules or requirements (as severity.<id>=off), e.g. --skip IOCTL-3.")
  List<String> skip = new ArrayList<>();

  RuleSelection applyTo(RuleSelection configured) {
    Set<String> s = new LinkedHashSet<>(configured.skip());
    skip.forEach(id -> s.add(id.trim()));
    Set<String> o = new LinkedHashSet<>(configured.only());
    only.forEach(id -> o.add(id.trim()));
    return new RuleSelection(o, s);
  }

  void validate(RuleBase rules) throws InputException {
    check("--only", only, rules);
    check("--skip", skip, rules);
  }

  private static void check(String option, List<String> ids, RuleBase rules) throws InputException {
    for (String raw : ids) {
      String id = raw.trim();
      if (!io.drvguard.library.SelectableRules.known(id, rules)) {
        throw new InputException(option, "usage_unknown_id", "`" + id + "` names no rule and no requirement;"
            + " `drvguard rules list` shows the rule ids, ../shared/REQUIREMENTS.md the requirement ids");
      }
      io.drvguard.library.SelectableRules.check(option, id, rules);
    }
  }
}
