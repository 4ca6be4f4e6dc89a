package io.drvguard.adapters.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drvguard.adapters.InputException;
import io.drvguard.adapters.manifest.ManifestReader;
import io.drvguard.facts.model.DeviceObject;
import io.drvguard.facts.model.Driver;
import io.drvguard.facts.model.DriverPackage;
import io.drvguard.facts.model.IoctlDefinition;
import io.drvguard.facts.model.KernelObjectDef;
import io.drvguard.facts.model.SourceLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One manifest written in YAML, JSON, properties and XML reads to the same facts and the same errors. */
class TreeLoaderFormatsTest {
  static final String YAML = """
      driver:
        name: toastbus
        role: bus
        inf: toastbus.inf
        namespace: false
        exclusive: false
        needsStricterThanDefault: true
        dispatch:
          failsRelatedOpen: true
          failsNamespaceOpen: true
          checksFileAcl: false
          enforcesExclusive: false
      deviceObjects:
        - id: pdo0
          kind: pdo
          stack: main
          rawMode: true
          name: '\\Device\\ToastPdo0'
          createdWith: IoCreateDeviceSecure
          sddl: 'D:P(A;;GA;;;SY)'
          classGuid: '{b85b7c50-6a01-11d2-b841-00c04fad5171}'
          characteristics: [FILE_DEVICE_SECURE_OPEN]
          exclusive: false
          hasVpb: false
          copiesLowerCharacteristics: true
        - id: fdo0
          kind: fdo
          stack: main
          characteristics: 0x180
      ioctls:
        - name: IOCTL_TOAST_EJECT
          code: 'CTL_CODE(FILE_DEVICE_BUS_EXTENDER, 0x801, METHOD_BUFFERED, FILE_WRITE_DATA)'
          userMode: true
          changesState: true
          validatesAccess: [FILE_WRITE_ACCESS, FILE_READ_ACCESS]
          forwardsDown: true
          requiresPrivilege: SeLoadDriverPrivilege
          checksPrivilege: true
          justification: 'read-only status query'
      kernelObjects:
        - name: 'Global\\ScanLock'
          type: mutex
          sddl: null
          sharedBetween: [application, eventMonitor]
      """;

  static final String JSON = """
      {
        "driver": {
          "name": "toastbus", "role": "bus", "inf": "toastbus.inf", "namespace": false, "exclusive": false,
          "needsStricterThanDefault": true,
          "dispatch": {"failsRelatedOpen": true, "failsNamespaceOpen": true, "checksFileAcl": false,
                       "enforcesExclusive": false}
        },
        "deviceObjects": [
          {"id": "pdo0", "kind": "pdo", "stack": "main", "rawMode": true, "name": "\\\\Device\\\\ToastPdo0",
           "createdWith": "IoCreateDeviceSecure",
           "sddl": "D:P(A;;GA;;;SY)",
           "classGuid": "{b85b7c50-6a01-11d2-b841-00c04fad5171}",
           "characteristics": ["FILE_DEVICE_SECURE_OPEN"], "exclusive": false, "hasVpb": false,
           "copiesLowerCharacteristics": true},
          {"id": "fdo0", "kind": "fdo", "stack": "main", "characteristics": 384}
        ],
        "ioctls": [
          {"name": "IOCTL_TOAST_EJECT",
           "code": "CTL_CODE(FILE_DEVICE_BUS_EXTENDER, 0x801, METHOD_BUFFERED, FILE_WRITE_DATA)",
           "userMode": true, "changesState": true, "validatesAccess": ["FILE_WRITE_ACCESS", "FILE_READ_ACCESS"],
           "forwardsDown": true, "requiresPrivilege": "SeLoadDriverPrivilege", "checksPrivilege": true,
           "justification": "read-only status query"}
        ],
        "kernelObjects": [
          {"name": "Global\\\\ScanLock", "type": "mutex", "sddl": null,
           "sharedBetween": ["application", "eventMonitor"]}
        ]
      }
      """;

  static final String PROPERTIES = """
      # the DESIGN.md manifest as properties
      driver.name = toastbus
      driver.role = bus
      driver.inf = toastbus.inf
      driver.namespace = false
      driver.exclusive = false
      driver.needsStricterThanDefault = true
      driver.dispatch.failsRelatedOpen = true
      driver.dispatch.failsNamespaceOpen = true
      driver.dispatch.checksFileAcl = false
      driver.dispatch.enforcesExclusive = false

      deviceObjects[0].id = pdo0
      deviceObjects[0].kind = pdo
      deviceObjects[0].stack = main
      deviceObjects[0].rawMode = true
      deviceObjects[0].name = \\\\Device\\\\ToastPdo0
      deviceObjects[0].createdWith = IoCreateDeviceSecure
      deviceObjects[0].sddl = D:P(A;;GA;;;SY)
      deviceObjects[0].classGuid = {b85b7c50-6a01-11d2-b841-00c04fad5171}
      deviceObjects[0].characteristics[0] = FILE_DEVICE_SECURE_OPEN
      deviceObjects[0].exclusive = false
      deviceObjects[0].hasVpb = false
      deviceObjects[0].copiesLowerCharacteristics = true
      deviceObjects[1].id = fdo0
      deviceObjects[1].kind = fdo
      deviceObjects[1].stack = main
      deviceObjects[1].characteristics = 0x180

      ioctls[0].name = IOCTL_TOAST_EJECT
      ioctls[0].code = CTL_CODE(FILE_DEVICE_BUS_EXTENDER, 0x801, \\
          METHOD_BUFFERED, FILE_WRITE_DATA)
      ioctls[0].userMode = true
      ioctls[0].changesState = true
      ioctls[0].validatesAccess[0] = FILE_WRITE_ACCESS
      ioctls[0].validatesAccess[1] = FILE_READ_ACCESS
      ioctls[0].forwardsDown = true
      ioctls[0].requiresPrivilege = SeLoadDriverPrivilege
      ioctls[0].checksPrivilege = true
      ioctls[0].justification = read-only status query

      kernelObjects[0].name = Global\\\\ScanLock
      kernelObjects[0].type = mutex
      kernelObjects[0].sddl =
      kernelObjects[0].sharedBetween[1] = eventMonitor
      kernelObjects[0].sharedBetween[0] = application
      """;

  static final String XML = """
      <?xml version="1.0" encoding="UTF-8"?>
      <!-- the DESIGN.md manifest as XML -->
      <drvguard>
        <driver>
          <name>toastbus</name>
          <role>bus</role>
          <inf>toastbus.inf</inf>
          <namespace>false</namespace>
          <exclusive>false</exclusive>
          <needsStricterThanDefault>true</needsStricterThanDefault>
          <dispatch failsRelatedOpen="true" failsNamespaceOpen="true">
            <checksFileAcl>false</checksFileAcl>
            <enforcesExclusive>false</enforcesExclusive>
          </dispatch>
        </driver>
        <deviceObjects>
          <id>pdo0</id>
          <kind>pdo</kind>
          <stack>main</stack>
          <rawMode>true</rawMode>
          <name>\\Device\\ToastPdo0</name>
          <createdWith>IoCreateDeviceSecure</createdWith>
          <sddl>D:P(A;;GA;;;SY)</sddl>
          <classGuid>{b85b7c50-6a01-11d2-b841-00c04fad5171}</classGuid>
          <characteristics>FILE_DEVICE_SECURE_OPEN</characteristics>
          <exclusive>false</exclusive>
          <hasVpb>false</hasVpb>
          <copiesLowerCharacteristics>true</copiesLowerCharacteristics>
        </deviceObjects>
        <deviceObjects id="fdo0" kind="fdo" stack="main">
          <characteristics>0x180</characteristics>
        </deviceObjects>
        <ioctls>
          <name>IOCTL_TOAST_EJECT</name>
          <code>CTL_CODE(FILE_DEVICE_BUS_EXTENDER, 0x801, METHOD_BUFFERED, FILE_WRITE_DATA)</code>
          <userMode>true</userMode>
          <changesState>true</changesState>
          <validatesAccess>FILE_WRITE_ACCESS</validatesAccess>
          <validatesAccess>FILE_READ_ACCESS</validatesAccess>
          <forwardsDown>true</forwardsDown>
          <requiresPrivilege>SeLoadDriverPrivilege</requiresPrivilege>
          <checksPrivilege>true</checksPrivilege>
          <justification>read-only status query</justification>
        </ioctls>
        <kernelObjects>
          <name><![CDATA[Global\\ScanLock]]></name>
          <type>mutex</type>
          <sddl/>
          <sharedBetween>application</sharedBetween>
          <sharedBetween>eventMonitor</sharedBetween>
        </kernelObjects>
      </drvguard>
      """;

  static final Map<String, String> FORMATS = Map.of(
      "drvguard.yaml", YAML, "drvguard.json", JSON, "drvguard.properties", PROPERTIES, "drvguard.xml", XML);

  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private static final SourceLocation NOWHERE = new SourceLocation("-", 0, 0);

  /** The package without its file name and positions, which differ between formats by nature. */
  static DriverPackage withoutPositions(DriverPackage p) {
    Driver d = p.driver();
    Driver driver = new Driver(d.name(), d.role(), d.inf(), d.namespace(), d.exclusive(),
        d.needsStricterThanDefault(), d.dispatch(), NOWHERE);
    List<DeviceObject> dos = p.deviceObjects().stream().map(o -> new DeviceObject(o.packageName(), o.id(),
        o.kind(), o.stack(), o.position(), o.rawMode(), o.name(), o.createdWith(), o.sddl(), o.classGuid(),
        o.characteristics(), o.characteristicNames(), o.exclusive(), o.hasVpb(), o.copiesLowerCharacteristics(),
        NOWHERE, NOWHERE)).toList();
    List<IoctlDefinition> ios = p.ioctls().stream().map(i -> new IoctlDefinition(i.packageName(), i.name(),
        i.codeText(), i.code(), i.userMode(), i.changesState(), i.validatesAccess(), i.forwardsDown(),
        i.requiresPrivilege(), i.checksPrivilege(), i.justification(), NOWHERE)).toList();
    List<KernelObjectDef> kos = p.kernelObjects().stream().map(k -> new KernelObjectDef(k.packageName(), k.name(),
        k.type(), k.sddl(), k.sharedBetween(), NOWHERE)).toList();
    return new DriverPackage(p.name(), p.directory(), Path.of("-"), driver, dos, ios, kos, p.infFile(), p.infValues());
  }

  /** The 1-based line of {@code text} that first contains {@code needle}. */
  static int lineOf(String text, String needle) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(needle)) {
        return i + 1;
      }
    }
    throw new AssertionError(needle + " not in text");
  }

  @Test
  void theSameManifestInEveryFormatReadsToTheSamePackage() throws Exception {
    write("toastbus.inf", "[Version]\n");
    DriverPackage yaml = new ManifestReader().read(write("drvguard.yaml", YAML));
    DriverPackage expected = withoutPositions(yaml);
    // the YAML reading is the reference: check it has the content, so a format that reads nothing fails
    assertEquals("toastbus", yaml.name());
    assertEquals(2, yaml.deviceObjects().size());
    assertEquals("\\Device\\ToastPdo0", yaml.deviceObjects().get(0).name());
    assertEquals(0x180, yaml.deviceObjects().get(1).characteristics());
    assertEquals(List.of("FILE_WRITE_ACCESS", "FILE_READ_ACCESS"), yaml.ioctls().get(0).validatesAccess());
    assertEquals("Global\\ScanLock", yaml.kernelObjects().get(0).name());
    assertNull(yaml.kernelObjects().get(0).sddl());
    assertEquals(List.of("application", "eventMonitor"), yaml.kernelObjects().get(0).sharedBetween());
    assertTrue(yaml.driver().needsStricterThanDefault());
    assertTrue(yaml.driver().dispatch().failsRelatedOpen());
    for (String name : List.of("drvguard.json", "drvguard.properties", "drvguard.xml")) {
      Path file = write(name, FORMATS.get(name));
      DriverPackage pkg = new ManifestReader().read(file);
      assertEquals(expected, withoutPositions(pkg), name);
      assertEquals(file, pkg.manifestFile());
      // positions point at the lines that hold the keys
      String text = FORMATS.get(name);
      DeviceObject pdo = pkg.deviceObjects().get(0);
      assertEquals(file.toString(), pdo.sddlLocation().file(), name);
      assertEquals(lineOf(text, "D:P(A;;GA;;;SY)"), pdo.sddlLocation().line(), name);
      assertEquals(lineOf(text, "CTL_CODE("), pkg.ioctls().get(0).location().line(), name);
      // a list item starts where its mapping starts: the `<deviceObjects>` element in XML
      assertEquals(lineOf(text, name.endsWith(".xml") ? "<deviceObjects>" : "pdo0"), pdo.location().line(), name);
    }
  }

  @Test
  void propertiesAndXmlGiveTheColumnOfTheKey() throws Exception {
    DriverPackage xml = new ManifestReader().read(write("x/drvguard.xml", XML.replace("toastbus.inf", "")));
    assertEquals(new SourceLocation(dir.resolve("x/drvguard.xml").toString(), lineOf(XML, "<sddl>D:P"), 5),
        xml.deviceObjects().get(0).sddlLocation());
    DriverPackage props = new ManifestReader().read(write("p/drvguard.properties",
        PROPERTIES.replace("driver.inf = toastbus.inf", "")));
    assertEquals(lineOf(PROPERTIES, "[0].sddl"), props.deviceObjects().get(0).sddlLocation().line());
    assertEquals(1, props.deviceObjects().get(0).sddlLocation().column());
  }

  /** Unknown key in a list item, in each format: file, indexed key path, line. */
  static final Map<String, String> UNKNOWN_KEY = Map.of(
      "drvguard.yaml", """
          driver: {name: x, role: bus}
          deviceObjects:
            - id: a
              kind: pdo
            - id: b
              kind: pdo
              rawmode: true
          """,
      "drvguard.json", """
          {"driver": {"name": "x", "role": "bus"},
           "deviceObjects": [
             {"id": "a", "kind": "pdo"},
             {"id": "b", "kind": "pdo",
              "rawmode": true}]}
          """,
      "drvguard.properties", """
          driver.name = x
          driver.role = bus
          deviceObjects[0].id = a
          deviceObjects[0].kind = pdo
          deviceObjects[1].id = b
          # a typo
          deviceObjects[1].rawmode = true
          deviceObjects[1].kind = pdo
          """,
      "drvguard.xml", """
          <drvguard>
            <driver><name>x</name><role>bus</role></driver>
            <deviceObjects><id>a</id><kind>pdo</kind></deviceObjects>
            <deviceObjects>
              <id>b</id>
              <kind>pdo</kind>
              <rawmode>true</rawmode>
            </deviceObjects>
          </drvguard>
          """);

  @ParameterizedTest
  @ValueSource(strings = {"drvguard.yaml", "drvguard.json", "drvguard.properties", "drvguard.xml"})
  void unknownKeyNamesFileKeyPathAndLine(String name) throws Exception {
    Path p = write(name, UNKNOWN_KEY.get(name));
    InputException e = assertThrows(InputException.class, () -> new ManifestReader().read(p));
    assertEquals("manifest_unknown_key", e.code(), e.getMessage());
    assertEquals(p.toString(), e.file());
    assertEquals(lineOf(UNKNOWN_KEY.get(name), "rawmode"), e.line(), e.getMessage());
    assertTrue(e.getMessage().contains("unknown key `deviceObjects[1].rawmode`; did you mean `rawMode`?"),
        e.getMessage());
  }

  static final Map<String, String> WRONG_TYPE = Map.of(
      "drvguard.yaml", "driver:\n  name: x\n  role: bus\n  namespace: maybe\n",
      "drvguard.json", "{\"driver\": {\n  \"name\": \"x\",\n  \"role\": \"bus\",\n  \"namespace\": \"maybe\"}}\n",
      "drvguard.properties", "driver.name=x\ndriver.role=bus\n\n driver.namespace : maybe\n",
      "drvguard.xml", "<drvguard>\n<driver>\n  <name>x</name><role>bus</role>\n\n  <namespace>maybe</namespace>\n"
          + "</driver>\n</drvguard>\n");

  @ParameterizedTest
  @ValueSource(strings = {"drvguard.yaml", "drvguard.json", "drvguard.properties", "drvguard.xml"})
  void wrongTypeNamesFileKeyPathAndLine(String name) throws Exception {
    Path p = write(name, WRONG_TYPE.get(name));
    InputException e = assertThrows(InputException.class, () -> new ManifestReader().read(p));
    assertEquals("manifest_wrong_type", e.code(), e.getMessage());
    assertEquals(p.toString(), e.file());
    assertEquals(lineOf(WRONG_TYPE.get(name), "namespace"), e.line(), e.getMessage());
    assertTrue(e.getMessage().contains("`driver.namespace` must be true or false, not `maybe`"), e.getMessage());
  }

  static final Map<String, String> MAPPING_FOR_SCALAR = Map.of(
      "drvguard.yaml", "driver:\n  role: bus\n  name: {a: 1}\n",
      "drvguard.json", "{\"driver\": {\"role\": \"bus\",\n \"name\": {\"a\": 1}}}\n",
      "drvguard.properties", "driver.role=bus\ndriver.name.a=1\n",
      "drvguard.xml", "<m><driver><role>bus</role>\n<name><a>1</a></name></driver></m>\n");

  @ParameterizedTest
  @ValueSource(strings = {"drvguard.yaml", "drvguard.json", "drvguard.properties", "drvguard.xml"})
  void mappingWhereAStringBelongsIsAWrongType(String name) throws Exception {
    Path p = write(name, MAPPING_FOR_SCALAR.get(name));
    InputException e = assertThrows(InputException.class, () -> new ManifestReader().read(p));
    assertEquals("manifest_wrong_type", e.code(), e.getMessage());
    assertEquals(lineOf(MAPPING_FOR_SCALAR.get(name), "name"), e.line(), e.getMessage());
    assertTrue(e.getMessage().contains("`driver.name` must be a string"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"drvguard.yaml", "drvguard.json", "drvguard.properties", "drvguard.xml"})
  void missingRequiredKeyInEveryFormat(String name) throws Exception {
    String text = switch (name) {
      case "drvguard.yaml" -> "driver:\n  role: bus\n";
      case "drvguard.json" -> "{\"driver\": {\"role\": \"bus\"}}";
      case "drvguard.properties" -> "driver.role = bus\n";
      default -> "<drvguard><driver><role>bus</role></driver></drvguard>";
    };
    Path p = write(name, text);
    InputException e = assertThrows(InputException.class, () -> new ManifestReader().read(p));
    assertEquals("manifest_missing_key", e.code(), e.getMessage());
    assertTrue(e.getMessage().contains("`driver.name`"), e.getMessage());
  }

  // ---- properties specifics

  @Test
  void propertiesDuplicateKeyIsAnErrorAtTheSecondLine() throws Exception {
    Path p = write("drvguard.properties", "driver.name=x\ndriver.role=bus\ndriver[0].name=y\n");
    InputException e = assertThrows(InputException.class, () -> new ManifestReader().read(p));
    assertEquals("manifest_duplicate_key", e.code());
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("first written on line 1"), e.getMessage());
  }

  @Test
  void propertiesIndexGapIsAnError() throws Exception {
    Path p = write("drvguard.properties", "driver.name=x\ndriver.role=bus\ndeviceObjects[0].id=a\n"
        + "deviceObjects[0].kind=pdo\ndeviceObjects[2].id=c\ndeviceObjects[2].kind=pdo\n");
    InputException e = assertThrows(InputException.class, () -> new ManifestReader().read(p));
    assertEquals("properties_syntax_error", e.code());
    assertEquals(5, e.line());
    assertTrue(e.getMessage().contains("index 1 is missing"), e.getMessage());
  }

  @Test
  void propertiesDottedNumberIsRejectedWithTheBracketSpelling() throws Exception {
    Path p = write("drvguard.properties", "driver.name=x\ndriver.role=bus\ndeviceObjects.0.id=a\n");
    InputException e = assertThrows(InputException.class, () -> new ManifestReader().read(p));
    assertEquals("properties_syntax_error", e.code());
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("`deviceObjects[0].id`"), e.getMessage());
  }

  @Test
  void propertiesValueAndKeysUnderTheSameKeyConflict() throws Exception {
    Path p = write("drvguard.properties", "driver=x\ndriver.name=x\n");
    InputException e = assertThrows(InputException.class, () -> new ManifestReader().read(p));
    assertEquals("manifest_wrong_type", e.code());
    assertEquals(2, e.line());
  }

  @Test
  void propertiesIncludeIsNotFollowed() throws Exception {
    write("other.properties", "driver.name=x\ndriver.role=bus\n");
    Path p = write("drvguard.properties", "include = other.properties\n");
    InputException e = assertThrows(InputException.class, () -> new ManifestReader().read(p));
    assertEquals("manifest_unknown_key", e.code());
    assertEquals(1, e.line());
  }

  // ---- XML specifics

  @Test
  void xmlSyntaxErrorGivesLineAndColumn() throws Exception {
    Path p = write("drvguard.xml", "<drvguard>\n  <driver>\n    <name>x</nam>\n  </driver>\n</drvguard>\n");
    InputException e = assertThrows(InputException.class, () -> new ManifestReader().read(p));
    assertEquals("xml_syntax_error", e.code());
    assertEquals(3, e.line());
    assertTrue(e.column() > 0);
    assertEquals(p.toString(), e.file());
  }

  @Test
  void xmlTextBesideKeysIsAWrongType() throws Exception {
    Path p = write("drvguard.xml", "<drvguard>\n<driver>oops<name>x</name><role>bus</role></driver>\n</drvguard>");
    InputException e = assertThrows(InputException.class, () -> new ManifestReader().read(p));
    assertEquals("manifest_wrong_type", e.code());
    assertEquals(2, e.line());
  }

  @Test
  void xmlAttributeAndElementOfTheSameNameIsADuplicate() throws Exception {
    Path p = write("drvguard.xml", "<drvguard>\n<driver name=\"x\">\n<role>bus</role>\n<name>y</name></driver>\n</drvguard>");
    InputException e = assertThrows(InputException.class, () -> new ManifestReader().read(p));
    assertEquals("manifest_duplicate_key", e.code());
    assertEquals(4, e.line());
  }

  @Test
  void xmlNamespaceDeclarationsAreNotKeys() throws Exception {
    Path p = write("drvguard.xml", "<drvguard xmlns=\"urn:drvguard\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
        + " xsi:noNamespaceSchemaLocation=\"drvguard.xsd\">\n<driver name=\"x\" role=\"bus\"/>\n</drvguard>");
    assertEquals("x", new ManifestReader().read(p).name());
  }

  // ---- XXE

  private Path secret() throws Exception {
    return write("secret.txt", "S3CRET-CONTENT-4711\n");
  }

  private void assertRefused(String xml) throws Exception {
    Path p = write("drvguard.xml", xml);
    InputException e = assertThrows(InputException.class, () -> new ManifestReader().read(p));
    assertEquals(p.toString(), e.file());
    assertEquals("xml_syntax_error", e.code(), e.getMessage());
    assertFalse(e.getMessage().contains("S3CRET"), e.getMessage());
    assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
  }

  @Test
  void externalGeneralEntityIsNotResolved() throws Exception {
    String uri = secret().toUri().toString();
    assertRefused("<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"" + uri + "\">]>\n"
        + "<drvguard><driver><name>&e;</name><role>bus</role></driver></drvguard>\n");
    assertRefused("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>\n"
        + "<drvguard><driver><name>&e;</name><role>bus</role></driver></drvguard>\n");
  }

  @Test
  void externalParameterEntityAndExternalDtdAreNotLoaded() throws Exception {
    String uri = secret().toUri().toString();
    assertRefused("<!DOCTYPE x [<!ENTITY % p SYSTEM \"" + uri + "\"> %p;]>\n<drvguard/>\n");
    assertRefused("<!DOCTYPE drvguard SYSTEM \"" + uri + "\">\n<drvguard/>\n");
  }

  @Test
  void entityExpansionBombIsRefused() throws Exception {
    assertRefused("<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
        + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n"
        + "<drvguard><driver><name>&c;</name><role>bus</role></driver></drvguard>\n");
  }

  @Test
  void xmlDocumentBuilderRefusesDoctypeOnItsOwn() throws Exception {
    // the DOM pass is hardened as well, not only the SAX pass in front of it
    String uri = secret().toUri().toString();
    String xml = "<!DOCTYPE x [<!ENTITY e SYSTEM \"" + uri + "\">]><r>&e;</r>";
    Exception e = assertThrows(Exception.class, () -> XmlTree.documentBuilder()
        .parse(new org.xml.sax.InputSource(new java.io.StringReader(xml))));
    assertFalse(String.valueOf(e.getMessage()).contains("S3CRET"), e.getMessage());
  }
}
