package io.drvguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drvguard.adapters.scenario.ScenarioReader;
import io.drvguard.facts.security.Token;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of docs/authoring.md's "How to build a Token": the scenario runs with the decisions
 * it expects, and the Java lines build the tokens its {@code principals} describe.
 */
class TokenGuideTest {
  private static final Path GUIDE = Path.of("../docs/authoring.md");
  private static final Path PACKAGE = Path.of("../examples/toastbus-fixed/drvguard.yaml");

  @TempDir Path dir;

  /** The section's first fenced block of {@code language}. */
  private static String snippet(String language) throws Exception {
    String doc = Files.readString(GUIDE, StandardCharsets.UTF_8);
    int start = doc.indexOf("\n## How to build a Token");
    assertTrue(start >= 0, "docs/authoring.md has no section \"How to build a Token\"");
    int end = doc.indexOf("\n## ", start + 1);
    String section = doc.substring(start, end < 0 ? doc.length() : end);
    Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(section);
    assertTrue(m.find(), "no ```" + language + " block in the section");
    return m.group(1);
  }

  /** The scenario snippet saved where it says it is: beside a copy of the package it names. */
  private Path scenario() throws Exception {
    Path pkg = Files.createDirectories(dir.resolve("toastbus-fixed"));
    Files.copy(PACKAGE, pkg.resolve("drvguard.yaml"));
    Path file = Files.createDirectories(dir.resolve("scenarios")).resolve("tokens.scenario.yaml");
    Files.writeString(file, snippet("yaml"), StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void theScenarioGetsTheDecisionsItExpects() throws Exception {
    CheckCommandTest.Run r = CheckCommandTest.run("simulate", "--format", "json", scenario().toString());
    assertEquals(0, r.code(), r.err() + r.out());
    JsonNode root = SimulateCommandTest.JSON.readTree(r.out());
    JsonNode decisions = root.path("decisions");
    assertEquals(4, decisions.size(), r.out());
    assertEquals(List.of("deny", "deny", "allow", "deny"),
        List.of(decisions.get(0).path("decision").asText(), decisions.get(1).path("decision").asText(),
            decisions.get(2).path("decision").asText(), decisions.get(3).path("decision").asText()));
    assertEquals(4, root.path("summary").path("expectations").path("passed").asInt(), r.out());
  }

  @Test
  void theJavaLinesBuildTheScenariosTokens() throws Exception {
    Map<String, Token> described = new ScenarioReader().read(scenario()).principals();
    assertEquals(List.of("alice", "admin", "system", "sandbox"), List.copyOf(described.keySet()));
    assertEquals(described, tokensOfTheJavaSnippet(described.keySet()));
    assertTrue(described.get("alice").bypassesTraverse());
    assertTrue(!described.get("sandbox").bypassesTraverse(), "noDefaultPrivileges leaves SeChangeNotifyPrivilege out");
  }

  /** Compiles the Java snippet inside a method that returns its variables named like {@code names}. */
  @SuppressWarnings("unchecked")
  private Map<String, Token> tokensOfTheJavaSnippet(Iterable<String> names) throws Exception {
    StringBuilder source = new StringBuilder("""
        import io.drvguard.facts.security.*;
        import java.util.*;
        public class TokenSnippet {
          public static Map<String, Token> tokens() {
        """).append(snippet("java")).append("    Map<String, Token> out = new LinkedHashMap<>();\n");
    for (String n : names) {
      source.append("    out.put(\"").append(n).append("\", ").append(n).append(");\n");
    }
    source.append("    return out;\n  }\n}\n");
    Path src = dir.resolve("src/TokenSnippet.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, source, StandardCharsets.UTF_8);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    String factsClasses = Path.of(Token.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    boolean compiled = javac.getTask(diagnostics, null, null,
        List.of("-classpath", factsClasses, "-d", classes.toString()), null,
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(src.toFile())).call();
    assertTrue(compiled, "the Java snippet does not compile:\n" + diagnostics + "\n" + source);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      return (Map<String, Token>) loader.loadClass("TokenSnippet").getMethod("tokens").invoke(null);
    }
  }
}
