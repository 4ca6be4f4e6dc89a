package io.drvguard.adapters.tree;

import io.drvguard.adapters.InputException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * An {@code .xml} document as the hierarchical node tree the YAML reader produces, read with
 * Commons Configuration's {@link XMLConfiguration}. The root element's name is free (e.g.
 * {@code <drvguard>}); its child elements are the top-level keys; an element repeated under one
 * parent is a list ({@code <deviceObjects>…</deviceObjects><deviceObjects>…</deviceObjects>},
 * {@code <characteristics>A</characteristics><characteristics>B</characteristics>}); an attribute
 * is a key like a child element ({@code <driver name="x" role="bus"/>}), except {@code xmlns} and
 * prefixed attributes ({@code xsi:…}), which are ignored. An empty element is null.
 *
 * <p><b>Security.</b> Both passes use the JDK's own parser with document type declarations
 * disallowed, external entities and external DTDs off and secure processing on: a DOCTYPE (and with
 * it every entity, internal or external) is a syntax error, so no file or URL is ever read.
 */
final class XmlTree {
  record Loaded(ImmutableNode root, Positions positions) {}

  private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
  private static final String EXTERNAL_GENERAL = "http://xml.org/sax/features/external-general-entities";
  private static final String EXTERNAL_PARAMETER = "http://xml.org/sax/features/external-parameter-entities";
  private static final String LOAD_EXTERNAL_DTD = "http://apache.org/xml/features/nonvalidating/load-external-dtd";

  private XmlTree() {}

  static Loaded load(String kind, String file, String text) throws InputException {
    IndexedPositions positions = positions(file, text);
    XMLConfiguration xml = new XMLConfiguration();
    try {
      xml.setDocumentBuilder(documentBuilder());
      new FileHandler(xml).load(new StringReader(text));
    } catch (ConfigurationException | ParserConfigurationException | RuntimeException e) {
      throw new InputException(file, "xml_unreadable", TreeLoader.rootMessage(e));
    }
    ImmutableNode root = xml.getNodeModel().getNodeHandler().getRootNode();
    return new Loaded(convert(kind, file, "", "", root, positions), positions);
  }

  /** A DOM builder that refuses DTDs and entities outright. */
  static DocumentBuilder documentBuilder() throws ParserConfigurationException {
    DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature(DISALLOW_DOCTYPE, true);
    f.setFeature(EXTERNAL_GENERAL, false);
    f.setFeature(EXTERNAL_PARAMETER, false);
    f.setFeature(LOAD_EXTERNAL_DTD, false);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    f.setNamespaceAware(false);
    f.setValidating(false);
    DocumentBuilder b = f.newDocumentBuilder();
    b.setEntityResolver((publicId, systemId) -> {
      throw new SAXException("external entity `" + systemId + "` refused");
    });
    b.setErrorHandler(THROWING);
    return b;
  }

  private static final ErrorHandler THROWING = new ErrorHandler() {
    @Override
    public void warning(SAXParseException e) {}

    @Override
    public void error(SAXParseException e) throws SAXException {
      throw e;
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
      throw e;
    }
  };

  /** The SAX pass: syntax errors with line and column, and the position of every element. */
  private static IndexedPositions positions(String file, String text) throws InputException {
    IndexedPositions positions = new IndexedPositions();
    int[] lineStarts = lineStarts(text);
    try {
      SAXParserFactory f = SAXParserFactory.newDefaultInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature(DISALLOW_DOCTYPE, true);
      f.setFeature(EXTERNAL_GENERAL, false);
      f.setFeature(EXTERNAL_PARAMETER, false);
      f.setFeature(LOAD_EXTERNAL_DTD, false);
      f.setXIncludeAware(false);
      f.setNamespaceAware(false);
      f.setValidating(false);
      SAXParser parser = f.newSAXParser();
      parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      parser.parse(new InputSource(new StringReader(text)), new DefaultHandler() {
        private Locator locator;
        private final Deque<String> paths = new ArrayDeque<>();
        private final Deque<Map<String, Integer>> counts = new ArrayDeque<>();

        @Override
        public void setDocumentLocator(Locator l) {
          locator = l;
        }

        @Override
        public InputSource resolveEntity(String publicId, String systemId) throws SAXException {
          throw new SAXException("external entity `" + systemId + "` refused");
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) {
          String path;
          if (paths.isEmpty()) {
            path = "";
          } else {
            int index = counts.peek().merge(qName, 1, Integer::sum) - 1;
            path = IndexedPositions.segment(paths.peek(), qName, index);
          }
          int[] at = startOf(text, lineStarts, locator.getLineNumber(), locator.getColumnNumber(), qName);
          if (!path.isEmpty()) {
            // an element wins over an attribute of the same name: a duplicate is reported at the element
            positions.replace(path, at[0], at[1]);
          }
          for (int i = 0; i < atts.getLength(); i++) {
            if (isKeyAttribute(atts.getQName(i))) {
              positions.put(IndexedPositions.segment(path, atts.getQName(i), 0), at[0], at[1]);
            }
          }
          paths.push(path);
          counts.push(new HashMap<>());
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
          paths.pop();
          counts.pop();
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void warning(SAXParseException e) {}
      });
    } catch (SAXParseException e) {
      throw new InputException(file, Math.max(0, e.getLineNumber()), Math.max(0, e.getColumnNumber()),
          "xml_syntax_error", oneLine(e.getMessage()));
    } catch (SAXException | IOException | ParserConfigurationException | RuntimeException e) {
      throw new InputException(file, "xml_syntax_error", TreeLoader.rootMessage(e));
    }
    return positions;
  }

  static boolean isKeyAttribute(String name) {
    return !name.equals("xmlns") && name.indexOf(':') < 0;
  }

  private static String oneLine(String s) {
    return s == null ? "malformed XML" : s.replaceAll("\\s*\\R\\s*", " ").trim();
  }

  private static int[] lineStarts(String text) {
    int n = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        n++;
      }
    }
    int[] starts = new int[n];
    int k = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts[k++] = i + 1;
      }
    }
    return starts;
  }

  /**
   * SAX reports the position just after a start tag; the {@code <} that opens it is the last
   * {@code <qName} before that point.
   */
  private static int[] startOf(String text, int[] lineStarts, int line, int column, String qName) {
    if (line < 1 || line > lineStarts.length) {
      return new int[] {Math.max(line, 0), 0};
    }
    int end = Math.min(text.length(), lineStarts[line - 1] + Math.max(column - 1, 0));
    int open = text.lastIndexOf("<" + qName, end);
    if (open < 0) {
      return new int[] {line, 0};
    }
    int l = 0;
    int lo = 0;
    int hi = lineStarts.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (lineStarts[mid] <= open) {
        l = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return new int[] {l + 1, open - lineStarts[l] + 1};
  }

  /** Commons Configuration's node, with attributes turned into child keys and blank text into null. */
  private static ImmutableNode convert(String kind, String file, String name, String canonical, ImmutableNode node,
      IndexedPositions positions) throws InputException {
    ImmutableNode.Builder out = new ImmutableNode.Builder().name(name);
    Set<String> attributeKeys = new HashSet<>();
    for (Map.Entry<String, Object> a : node.getAttributes().entrySet()) {
      if (!isKeyAttribute(a.getKey())) {
        continue;
      }
      attributeKeys.add(a.getKey());
      Object v = a.getValue();
      String s = v == null ? "" : v.toString().trim();
      out.addChild(new ImmutableNode.Builder().name(a.getKey()).value(s.isEmpty() ? null : s).create());
    }
    Map<String, Integer> counts = new HashMap<>();
    for (ImmutableNode child : node.getChildren()) {
      String childName = child.getNodeName();
      int index = counts.merge(childName, 1, Integer::sum) - 1;
      String childPath = IndexedPositions.segment(canonical, childName, index);
      if (attributeKeys.contains(childName)) {
        Positions.Position p = positions.at(childPath);
        throw new InputException(file, p.line(), p.column(), kind + "_duplicate_key",
            "duplicate key `" + display(childPath) + "`: given both as an attribute and as an element");
      }
      out.addChild(convert(kind, file, childName, childPath, child, positions));
    }
    Object value = node.getValue();
    String text = value == null ? "" : value.toString().trim();
    boolean hasChildren = !node.getChildren().isEmpty() || !attributeKeys.isEmpty();
    if (!text.isEmpty() && hasChildren && !canonical.isEmpty()) {
      Positions.Position p = positions.at(canonical);
      throw new InputException(file, p.line(), p.column(), kind + "_wrong_type", "`" + display(canonical)
          + "` has both text and keys; it must be a value or a mapping");
    }
    out.value(text.isEmpty() || hasChildren ? null : text);
    return out.create();
  }

  /** {@code deviceObjects[0].id[0]} → {@code deviceObjects[0].id}: the path as the other formats print it. */
  private static String display(String canonical) {
    return canonical.replaceAll("\\[0\\](?=\\.|$)", "");
  }
}
