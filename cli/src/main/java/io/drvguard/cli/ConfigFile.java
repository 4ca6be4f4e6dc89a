package io.drvguard.cli;

import io.drvguard.adapters.InputException;
import io.drvguard.adapters.tree.Section;
import io.drvguard.adapters.tree.TreeLoader;
import io.drvguard.engine.EngineSettings;
import io.drvguard.engine.RuleBase;
import io.drvguard.facts.model.Severity;
import io.drvguard.facts.model.SourceLocation;
import io.drvguard.facts.policy.PolicySettings;
import io.drvguard.facts.security.Sddl;
import io.drvguard.facts.security.SddlException;
import io.drvguard.facts.security.Sid;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A {@code --config FILE} (YAML or JSON): policy parameters and severity overrides.
 *
 * <pre>
 * severity:                 # per rule id or requirement id; a rule id wins
 *   IOCTL-3: error
 * policy:
 *   strongPrincipals: [SY]  # OBJ-2
 *   pnpDefaultSddl: 'D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGWGX;;;WD)'   # M-1
 * </pre>
 */
record ConfigFile(EngineSettings settings, Map<String, SourceLocation> overrideLocations) {
  static final ConfigFile NONE = new ConfigFile(EngineSettings.DEFAULTS, Map.of());

  static ConfigFile read(Path file) throws InputException {
    Section root = TreeLoader.load("config", file);
    root.allowOnly(Set.of("severity", "policy"));
    PolicySettings policy = PolicySettings.DEFAULTS;
    Section p = root.child("policy");
    if (p != null) {
      p.allowOnly(Set.of("strongPrincipals", "pnpDefaultSddl"));
      if (p.has("strongPrincipals")) {
        Set<Sid> strong = new LinkedHashSet<>();
        for (String s : p.strings("strongPrincipals")) {
          try {
            strong.add(Sid.parse(s.trim()));
          } catch (SddlException e) {
            throw p.error("strongPrincipals", "config_bad_value",
                "`policy.strongPrincipals` has `" + s + "`, which is not a SID: " + e.detail());
          }
        }
        policy = policy.withStrongPrincipals(strong);
      }
      String sddl = p.string("pnpDefaultSddl", false);
      if (sddl != null) {
        try {
          Sddl.parse(sddl);
        } catch (SddlException e) {
          throw p.error("pnpDefaultSddl", "config_bad_value", "`policy.pnpDefaultSddl` does not parse: " + e.getMessage());
        }
        policy = policy.withPnpDefaultSddl(sddl);
      }
    }
    Map<String, Severity> overrides = new LinkedHashMap<>();
    Map<String, SourceLocation> where = new HashMap<>();
    Section sev = root.child("severity");
    if (sev != null) {
      for (String key : sev.keys()) {
        String value = sev.string(key, true);
        try {
          overrides.put(key, Severity.parse(value));
        } catch (IllegalArgumentException e) {
          throw sev.error(key, "config_bad_value", "`severity." + key + "`: " + e.getMessage());
        }
        where.put(key, sev.location(key));
      }
    }
    return new ConfigFile(new EngineSettings(policy, overrides), where);
  }

  /** Every override must name a rule of {@code rules} or a requirement: a typo must not be ignored. */
  void validate(RuleBase rules) throws InputException {
    for (String key : settings.severityOverrides().keySet()) {
      if (!rules.rules().containsKey(key) && !rules.catalog().contains(key)) {
        SourceLocation at = overrideLocations.get(key);
        throw new InputException(at.file(), at.line(), at.column(), "config_unknown_id",
            "`severity." + key + "` names no rule and no requirement");
      }
    }
  }
}
