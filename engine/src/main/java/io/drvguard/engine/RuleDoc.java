package io.drvguard.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One rule's Markdown doc ({@code rules/docs/<RuleId>.md}): its title line and its {@code ## }
 * sections by heading, so a report can show the part it has room for ("Why", "How to fix").
 * Headings inside fenced code blocks are code, not sections.
 *
 * @param ruleId the rule the doc is for
 * @param markdown the whole file
 * @param file where it was read: a classpath path for a bundled doc, the file path for an author's
 * @param bundled true for a doc bundled in the rules jar
 */
public record RuleDoc(String ruleId, String markdown, String file, boolean bundled) {
  public static final String WHY = "Why";
  public static final String HOW_TO_FIX = "How to fix";

  /** The first line when it is a {@code # } heading (without the {@code # }), else empty. */
  public String title() {
    String first = markdown.lines().findFirst().orElse("");
    return first.startsWith("# ") ? first.substring(2).strip() : "";
  }

  /** Each {@code ## } section's body (trimmed) by its heading, in file order. */
  public Map<String, String> sections() {
    Map<String, String> out = new LinkedHashMap<>();
    String heading = null;
    StringBuilder body = new StringBuilder();
    boolean fenced = false;
    for (String line : markdown.lines().toList()) {
      if (line.strip().startsWith("```")) {
        fenced = !fenced;
      }
      if (!fenced && line.startsWith("## ")) {
        if (heading != null) {
          out.putIfAbsent(heading, body.toString().strip());
        }
        heading = line.substring(3).strip();
        body.setLength(0);
      } else if (heading != null) {
        body.append(line).append('\n');
      }
    }
    if (heading != null) {
      out.putIfAbsent(heading, body.toString().strip());
    }
    return Collections.unmodifiableMap(out);
  }

  /** The body of section {@code heading}, if the doc has it. */
  public Optional<String> section(String heading) {
    return Optional.ofNullable(sections().get(heading));
  }

  /** The "Why" section's first paragraph as one line, or empty. */
  public String whyInBrief() {
    return section(WHY).map(RuleDoc::firstParagraph).orElse("");
  }

  /** The paragraphs of Markdown {@code text} up to the first blank line, joined into one line. */
  static String firstParagraph(String text) {
    StringBuilder sb = new StringBuilder();
    for (String line : text.lines().toList()) {
      if (line.isBlank()) {
        if (sb.length() > 0) {
          break;
        }
        continue;
      }
      sb.append(sb.length() == 0 ? "" : " ").append(line.strip());
    }
    return sb.toString();
  }

  /** The headings of the doc's sections, in file order. */
  public List<String> headings() {
    return List.copyOf(sections().keySet());
  }
}
