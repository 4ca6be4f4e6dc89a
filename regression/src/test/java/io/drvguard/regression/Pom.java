package io.drvguard.regression;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * One pom.xml of the reactor as written (not the effective model: what a module declares is what
 * the checks are about, and the build's own Maven is not at hand in a test).
 */
record Pom(String module, Element project) {
  /** The repository root: the regression module's parent directory. */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  static Pom read(String module) {
    Path file = ROOT.resolve(module.isEmpty() ? "pom.xml" : module + "/pom.xml");
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return new Pom(module, f.newDocumentBuilder().parse(file.toFile()).getDocumentElement());
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static Pom parent() {
    return read("");
  }

  /** The reactor's modules, as the parent lists them, in order. */
  static List<Pom> modules() {
    List<Pom> all = new ArrayList<>();
    for (Element m : children(parent().project(), "modules", "module")) {
      all.add(read(m.getTextContent().trim()));
    }
    return all;
  }

  /**
   * The modules that reach a repository: those that are installed (not {@code maven.install.skip})
   * and are not pom-packaged parents or BOMs.
   */
  static List<Pom> published() {
    return modules().stream().filter(Pom::isPublished).toList();
  }

  boolean isPublished() {
    return !packaging().equals("pom") && !property("maven.install.skip").orElse("false").equals("true");
  }

  String artifactId() {
    return text("artifactId").orElseThrow();
  }

  String packaging() {
    return text("packaging").orElse("jar");
  }

  Optional<String> property(String name) {
    return text("properties/" + name);
  }

  /** The text of the element at a slash-separated path below {@code <project>}. */
  Optional<String> text(String path) {
    return element(path).map(e -> e.getTextContent().trim());
  }

  Optional<Element> element(String path) {
    Element at = project;
    for (String name : path.split("/")) {
      at = child(at, name);
      if (at == null) {
        return Optional.empty();
      }
    }
    return Optional.of(at);
  }

  /** The elements named {@code item} inside the one named {@code list}, e.g. dependencies/dependency. */
  static List<Element> children(Element parent, String list, String item) {
    Element l = child(parent, list);
    List<Element> out = new ArrayList<>();
    if (l == null) {
      return out;
    }
    for (Node n = l.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(item)) {
        out.add(e);
      }
    }
    return out;
  }

  static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  static String text(Element parent, String name) {
    Element c = child(parent, name);
    return c == null ? null : c.getTextContent().trim();
  }

  /** An element's text with whitespace runs collapsed, to compare two declarations of the same thing. */
  static String flat(Element e) {
    return e.getTextContent().trim().replaceAll("\\s+", " ");
  }

  @Override
  public String toString() {
    return (module.isEmpty() ? "" : module + "/") + "pom.xml";
  }
}
