package io.drvguard.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * What Maven Central asks of each published artifact, and what an importer of drvguard's BOM
 * relies on: the project's metadata (home, licence, scm, developers) in the parent every module
 * inherits, a BOM that lists every published module and nothing else, and a sources and a
 * javadoc jar beside every published jar. A module that is installed is published; the harnesses
 * (regression, bench) are not and make neither jar.
 */
class PublicationTest {
  private static final String LICENSE_URL = "https://www.apache.org/licenses/LICENSE-2.0.txt";

  @Test
  void theParentCarriesTheMetadataEveryModuleInherits() throws IOException {
    Pom parent = Pom.parent();
    String home = parent.property("drvguard.url").orElseThrow(() -> new AssertionError("no drvguard.url property"));
    assertTrue(home.startsWith("https://"), home);
    assertEquals("${drvguard.url}", parent.text("url").orElse(null), "url");
    assertTrue(parent.text("inceptionYear").isPresent(), "inceptionYear");
    assertEquals(List.of("Apache-2.0 " + LICENSE_URL + " repo"),
        Pom.children(parent.project(), "licenses", "license").stream().map(Pom::flat).toList());
    List<Element> developers = Pom.children(parent.project(), "developers", "developer");
    assertFalse(developers.isEmpty(), "developers");
    for (Element d : developers) {
      assertTrue(Pom.text(d, "id") != null && Pom.text(d, "name") != null, "a developer needs an id and a name");
    }
    for (String part : List.of("connection", "developerConnection", "url", "tag")) {
      assertTrue(parent.text("scm/" + part).filter(t -> !t.isEmpty()).isPresent(), "scm/" + part);
    }
    assertTrue(parent.text("scm/connection").orElseThrow().contains("${drvguard.url}"), "scm names the project's home");

    // without these, Maven appends each module's artifactId to the url and scm it inherits
    assertEquals("false", parent.project().getAttribute("child.project.url.inherit.append.path"));
    Element scm = parent.element("scm").orElseThrow();
    for (String part : List.of("connection", "developerConnection", "url")) {
      assertEquals("false", scm.getAttribute("child.scm." + part + ".inherit.append.path"), "scm " + part);
    }

    String license = Files.readString(Pom.ROOT.resolve("LICENSE"));
    assertTrue(license.contains("Apache License") && license.contains("Version 2.0, January 2004")
        && license.contains("END OF TERMS AND CONDITIONS"), "LICENSE holds the Apache License 2.0");
    assertTrue(Files.readString(Pom.ROOT.resolve("NOTICE")).contains("Copyright"), "NOTICE");
  }

  @Test
  void noPublishedModuleReplacesTheInheritedMetadata() {
    for (Pom m : Pom.published()) {
      for (String own : List.of("url", "scm", "licenses", "developers", "issueManagement")) {
        assertTrue(m.element(own).isEmpty(), m + " declares its own <" + own + ">; it inherits the parent's");
      }
    }
  }

  @Test
  void theBomListsEveryPublishedModuleAndNothingElse() {
    Pom parent = Pom.parent();
    Pom bom = Pom.read("bom");
    assertTrue(Pom.modules().stream().anyMatch(m -> m.module().equals("bom")), "the parent builds the bom");
    // importing a BOM imports its parent's dependencyManagement too (see bom/pom.xml)
    assertTrue(bom.element("parent").isEmpty(), "the bom has no parent");
    assertEquals(parent.text("groupId"), bom.text("groupId"));
    assertEquals(parent.text("version"), bom.text("version"));
    assertEquals("pom", bom.packaging());

    Set<String> listed = new TreeSet<>();
    Element dm = bom.element("dependencyManagement").orElseThrow(() -> new AssertionError("bom: no dependencyManagement"));
    for (Element d : Pom.children(dm, "dependencies", "dependency")) {
      String id = Pom.text(d, "artifactId");
      assertEquals(parent.text("groupId").orElseThrow(), Pom.text(d, "groupId"), id + ": only drvguard's artifacts");
      assertEquals("${project.version}", Pom.text(d, "version"), id);
      assertTrue(Pom.text(d, "scope") == null && Pom.text(d, "type") == null, id + ": a plain jar entry");
      assertTrue(listed.add(id), id + " is listed twice");
    }
    Set<String> published = Pom.published().stream().map(Pom::artifactId).collect(Collectors.toCollection(TreeSet::new));
    Set<String> missing = new TreeSet<>(published);
    missing.removeAll(listed);
    assertEquals(Set.of(), missing, "published modules the bom does not list");

    // An entry may name a module another branch is adding, but never one that is not published.
    Set<String> unpublished = Pom.modules().stream().filter(m -> !m.isPublished()).map(Pom::artifactId)
        .collect(Collectors.toCollection(TreeSet::new));
    unpublished.add(parent.artifactId());
    unpublished.retainAll(listed);
    assertEquals(Set.of(), unpublished, "the bom lists modules that are not published");
  }

  @Test
  void theBomRepeatsTheParentsMetadata() {
    Pom parent = Pom.parent();
    Pom bom = Pom.read("bom");
    assertEquals(parent.property("drvguard.url"), bom.property("drvguard.url"), "drvguard.url");
    for (String part : List.of("url", "inceptionYear", "licenses", "developers", "scm", "issueManagement")) {
      assertEquals(parent.element(part).map(Pom::flat), bom.element(part).map(Pom::flat), "bom <" + part + ">");
    }
  }

  @Test
  void harnessesAndTheReleaseAssetsAreNeitherInstalledNorDocumented() {
    List<String> harnesses = new ArrayList<>();
    for (Pom m : Pom.modules()) {
      if (m.packaging().equals("pom")) {
        continue;
      }
      boolean published = m.isPublished();
      if (!published) {
        harnesses.add(m.module());
      }
      for (String skip : List.of("maven.deploy.skip", "maven.source.skip")) {
        assertEquals(!published, m.property(skip).orElse("false").equals("true"), m + ": " + skip);
      }
      // the rule pack documents itself with its rule docs, not javadoc (rules/pom.xml)
      if (published && !makesItsOwnJavadocJar(m)) {
        assertFalse(m.property("maven.javadoc.skip").orElse("false").equals("true"), m + " makes no javadoc jar");
      }
    }
    // dist makes the release archives, which are downloads, not Maven artifacts
    assertEquals(List.of("dist", "regression", "bench"), harnesses);
  }

  /**
   * The published modules regression depends on were packaged by this very build when their jars,
   * not their classes directories, are on the test class path (mvn verify, or -pl regression -am
   * verify); their sources and javadoc jars must then be beside them. The build's own javadoc run
   * fails on broken javadoc, so this is about a module that makes none. A build that stops at test
   * (no jars) or skips them on the command line has nothing to check here.
   */
  @Test
  void packagedJarsHaveSourcesAndJavadocBesideThem() throws IOException {
    assumeFalse(Boolean.getBoolean("maven.source.skip") || Boolean.getBoolean("maven.javadoc.skip"),
        "this build skips sources or javadoc jars");
    Map<String, Path> packaged = packagedByThisBuild();
    assumeTrue(!packaged.isEmpty(), "no drvguard jar on the test class path: the build did not package them");
    for (Map.Entry<String, Path> e : packaged.entrySet()) {
      Path jar = e.getValue();
      String base = jar.getFileName().toString().replaceFirst("\\.jar$", "");
      Path sources = jar.resolveSibling(base + "-sources.jar");
      Path javadoc = jar.resolveSibling(base + "-javadoc.jar");
      assertTrue(Files.isRegularFile(sources), "no " + sources);
      assertTrue(Files.isRegularFile(javadoc), "no " + javadoc);
      assertTrue(holds(sources, ".java") || holds(sources, ".drl"), sources + " holds no source");
      assertTrue(holds(javadoc, "index.html") || holds(javadoc, ".md"), javadoc + " holds no documentation");
    }
    // a build that packages regression's dependencies packages them all, so none is left unchecked
    assertEquals(Set.of(), onClassPathUnpackaged(), "published modules on the class path as classes, not jars");
  }

  private static boolean makesItsOwnJavadocJar(Pom m) {
    Element build = m.element("build").orElse(null);
    if (build == null) {
      return false;
    }
    for (Element plugin : Pom.children(build, "plugins", "plugin")) {
      for (Element execution : Pom.children(plugin, "executions", "execution")) {
        Element conf = Pom.child(execution, "configuration");
        if (conf != null && "javadoc".equals(Pom.text(conf, "classifier"))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Published module → its jar, for each published jar the test class path holds. */
  private static Map<String, Path> packagedByThisBuild() {
    Set<String> published = publishedModules();
    Map<String, Path> out = new TreeMap<>();
    for (Path p : classPath()) {
      String module = publishedModuleOf(p.getParent(), published);
      if (module != null && p.toString().endsWith(".jar") && !p.getFileName().toString().endsWith("-tests.jar")) {
        out.put(module, p);
      }
    }
    return out;
  }

  /** The published modules whose target/classes, not jar, the test class path holds. */
  private static Set<String> onClassPathUnpackaged() {
    Set<String> published = publishedModules();
    Set<String> out = new TreeSet<>();
    for (Path p : classPath()) {
      String module = publishedModuleOf(p.getParent(), published);
      if (module != null && p.getFileName().toString().equals("classes")) {
        out.add(module);
      }
    }
    return out;
  }

  private static List<Path> classPath() {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(cp.split(File.pathSeparator)).map(e -> Path.of(e).toAbsolutePath().normalize()).toList();
  }

  /** The published module whose build directory {@code target} is, or null. */
  private static String publishedModuleOf(Path target, Set<String> published) {
    if (target == null || target.getFileName() == null || !target.getFileName().toString().equals("target")
        || !Pom.ROOT.equals(target.getParent().getParent())) {
      return null;
    }
    String module = target.getParent().getFileName().toString();
    return published.contains(module) ? module : null;
  }

  private static Set<String> publishedModules() {
    return Pom.published().stream().map(Pom::module).collect(Collectors.toSet());
  }

  private static boolean holds(Path jar, String suffix) throws IOException {
    try (JarFile j = new JarFile(jar.toFile())) {
      return j.stream().anyMatch(e -> e.getName().endsWith(suffix));
    }
  }
}
