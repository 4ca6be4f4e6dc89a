package io.drvguard.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/** Records each rule firing with the facts it matched, for {@code --explain}. */
final class TraceListener extends DefaultAgendaEventListener {
  private final Map<String, RuleMetadata> rules;
  private final List<FiredRule> out;

  TraceListener(Map<String, RuleMetadata> rules, List<FiredRule> out) {
    this.rules = rules;
    this.out = out;
  }

  @Override
  public void afterMatchFired(AfterMatchFiredEvent event) {
    String id = event.getMatch().getRule().getName();
    RuleMetadata meta = rules.get(id);
    List<String> matched = new ArrayList<>();
    for (Object o : event.getMatch().getObjects()) {
      matched.add(String.valueOf(o));
    }
    out.add(new FiredRule(id, meta == null ? "" : meta.requirement(), matched));
  }
}
