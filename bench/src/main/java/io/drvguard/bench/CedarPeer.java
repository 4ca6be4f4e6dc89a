package io.drvguard.bench;

import com.cedarpolicy.AuthorizationEngine;
import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.entity.Entities;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.CedarList;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimBool;
import com.cedarpolicy.value.Value;
import io.drvguard.adapters.scenario.Scenario.Principal;
import io.drvguard.facts.ioctl.RequiredAccess;
import io.drvguard.facts.model.IoctlDefinition;
import io.drvguard.facts.request.IoctlRequest;
import io.drvguard.facts.request.OpenRequest;
import io.drvguard.facts.request.Request;
import io.drvguard.facts.security.AccessMask;
import io.drvguard.facts.security.Ace;
import io.drvguard.facts.security.AceFlag;
import io.drvguard.facts.security.GenericMapping;
import io.drvguard.facts.security.SecurityDescriptor;
import io.drvguard.facts.security.Sid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The peer: the same open/IOCTL authorization written as a Cedar policy and decided by
 * {@code cedar-java} (the Rust evaluator through its JNI library).
 *
 * <p>Model. Principals are {@code User} entities whose parents are {@code Sid} entities (the user's
 * own SID and its groups: "the principal's group"). Devices are {@code Device} entities, one per
 * {@code \Device\Name}, with one attribute per file right (e.g. {@code FILE_READ_DATA}) holding the
 * set of SIDs the device's DACL grants that right to. IOCTLs are {@code Ioctl} entities with the
 * rights the code requires ({@code required}), those the driver validates ({@code validates}) and
 * whether the code is FILE_ANY_ACCESS. An open asks for a set of rights ({@code context.desired},
 * generic bits mapped); an IOCTL carries the rights of its handle ({@code context.granted}). The
 * policies (see {@link #POLICIES}) permit when, for every right asked, the principal is in a group
 * that the device grants it; deny otherwise (Cedar's default deny, also on errors such as an unknown
 * device or code).
 *
 * <p>Gaps, where the model is not expressible as "a group has the right": deny ACEs and their
 * order, owner implicit rights, OWNER RIGHTS, MAXIMUM_ALLOWED and ACCESS_SYSTEM_SECURITY (the
 * translation refuses descriptors and requests that need them; the fixture has none); the NTSTATUS,
 * the granted access and the deciding requirement (Cedar answers allow/deny and the ids of the
 * policies that decided).
 *
 * <p>Requests are translated once, when the benchmark state is set up, as drvguard's requests are
 * resolved once: what is measured is {@code isAuthorized} on a prepared request with the entities
 * it needs (the principal and the resource), against a policy set cached in the native library.
 */
public final class CedarPeer {
  /** The file rights an ACE can grant, by bit (the names Cedar sees). */
  static final Map<Integer, String> RIGHTS = new LinkedHashMap<>();

  static {
    RIGHTS.put(AccessMask.FILE_READ_DATA, "FILE_READ_DATA");
    RIGHTS.put(AccessMask.FILE_WRITE_DATA, "FILE_WRITE_DATA");
    RIGHTS.put(AccessMask.FILE_APPEND_DATA, "FILE_APPEND_DATA");
    RIGHTS.put(AccessMask.FILE_READ_EA, "FILE_READ_EA");
    RIGHTS.put(AccessMask.FILE_WRITE_EA, "FILE_WRITE_EA");
    RIGHTS.put(AccessMask.FILE_EXECUTE, "FILE_EXECUTE");
    RIGHTS.put(AccessMask.FILE_DELETE_CHILD, "FILE_DELETE_CHILD");
    RIGHTS.put(AccessMask.FILE_READ_ATTRIBUTES, "FILE_READ_ATTRIBUTES");
    RIGHTS.put(AccessMask.FILE_WRITE_ATTRIBUTES, "FILE_WRITE_ATTRIBUTES");
    RIGHTS.put(AccessMask.DELETE, "DELETE");
    RIGHTS.put(AccessMask.READ_CONTROL, "READ_CONTROL");
    RIGHTS.put(AccessMask.WRITE_DAC, "WRITE_DAC");
    RIGHTS.put(AccessMask.WRITE_OWNER, "WRITE_OWNER");
    RIGHTS.put(AccessMask.SYNCHRONIZE, "SYNCHRONIZE");
  }

  private static final int EXPRESSIBLE = RIGHTS.keySet().stream().reduce(0, (a, b) -> a | b);

  /** The policy set: one permit for opens, one for IOCTLs. */
  public static final String POLICIES = policies();

  private static String policies() {
    StringBuilder open = new StringBuilder()
        .append("// open of \\Device\\Name: some right is asked (SeAccessCheck grants nothing for nothing) and\n")
        .append("// every right asked is granted to one of the principal's SIDs\n")
        .append("@id(\"open\")\n")
        .append("permit (principal is User, action == Action::\"open\", resource is Device)\nwhen {\n")
        .append("  context.desired != []\n");
    String sep = "  && ";
    for (String r : RIGHTS.values()) {
      open.append(sep).append("(!context.desired.contains(\"").append(r).append("\") || principal in resource.")
          .append(r).append(")\n");
      sep = "  && ";
    }
    open.append("};\n\n");
    String ioctl = """
        // IOCTL on a handle: the handle holds the rights the code requires (IOCTL-2) and those the driver
        // validates (IOCTL-4); a FILE_ANY_ACCESS code needs a handle with some right (IOCTL-5)
        @id("ioctl")
        permit (principal is User, action == Action::"ioctl", resource is Ioctl)
        when {
          context.granted.containsAll(resource.required)
          && context.granted.containsAll(resource.validates)
          && (!(resource.anyAccess && context.requiresValidatedRight) || context.granted != [])
        };
        """;
    return open + ioctl;
  }

  private static final EntityTypeName USER = type("User");
  private static final EntityTypeName SID = type("Sid");
  private static final EntityTypeName DEVICE = type("Device");
  private static final EntityTypeName IOCTL = type("Ioctl");
  private static final EntityTypeName ACTION = type("Action");
  static final EntityUID OPEN = ACTION.of("open");
  static final EntityUID SEND_IOCTL = ACTION.of("ioctl");

  private final AuthorizationEngine engine = new BasicAuthorizationEngine();
  private final PolicySet policySet;
  private final Map<String, Entity> users = new HashMap<>();
  private final Map<String, Entity> devices = new HashMap<>();
  private final Map<String, Entity> ioctls = new HashMap<>();
  /** Entities of one request (principal and resource), shared by requests naming the same pair. */
  private final Map<String, Entities> slices = new HashMap<>();

  /** A prepared request: what {@code isAuthorized} takes. */
  public record Prepared(String id, AuthorizationRequest request, Entities entities) {}

  public CedarPeer(List<Principal> principals, List<IoctlDefinition> ioctlDefs) {
    try {
      policySet = PolicySet.parsePolicies(POLICIES);
      policySet.cache();
    } catch (Exception e) {
      throw new IllegalStateException("the Cedar policies do not load: " + e.getMessage(), e);
    }
    for (Principal p : principals) {
      Set<EntityUID> parents = new HashSet<>();
      parents.add(SID.of(p.token().user().toString()));
      for (Sid g : p.token().groups()) {
        parents.add(SID.of(g.toString()));
      }
      users.put(p.name(), new Entity(USER.of(p.name()), new HashMap<>(), parents));
    }
    for (IoctlDefinition d : ioctlDefs) {
      Map<String, Value> attrs = new HashMap<>();
      RequiredAccess ra = d.code().requiredAccess();
      attrs.put("required", rights(ra.fileAccessMask()));
      int validated = 0;
      for (String n : d.validatesAccess()) {
        validated |= AccessMask.parseName(n);
      }
      attrs.put("validates", rights(validated));
      attrs.put("anyAccess", new PrimBool(ra == RequiredAccess.ANY));
      ioctls.put(d.name(), new Entity(IOCTL.of(d.name()), attrs, Set.of()));
    }
  }

  /** Cedar's policy text. */
  public String policyText() {
    return POLICIES;
  }

  /** Translates {@code r} (an open or an IOCTL) into a Cedar request with its entities. */
  public Prepared prepare(Request r) {
    if (r instanceof OpenRequest o) {
      return open(o);
    }
    if (r instanceof IoctlRequest i) {
      return ioctl(i);
    }
    throw new UnsupportedOperationException("the peer decides opens and IOCTLs only");
  }

  public List<Prepared> prepareAll(List<? extends Request> requests) {
    List<Prepared> out = new ArrayList<>(requests.size());
    for (Request r : requests) {
      out.add(prepare(r));
    }
    return out;
  }

  private Prepared open(OpenRequest o) {
    Entity user = user(o.principal());
    EntityUID device = DEVICE.of(o.path());
    if (o.found() && o.deviceDescriptor() != null) {
      devices.computeIfAbsent(o.path(), k -> deviceEntity(device, o.deviceDescriptor()));
    }
    int desired = GenericMapping.FILE.map(o.desiredAccess());
    if ((desired & ~EXPRESSIBLE) != 0) {
      throw new UnsupportedOperationException("desired access " + AccessMask.describe(desired)
          + " is not expressible in the Cedar model");
    }
    Map<String, Value> ctx = new HashMap<>();
    ctx.put("desired", rights(desired));
    Entity resource = devices.get(o.path());
    return new Prepared(o.id(), new AuthorizationRequest(user.getEUID(), OPEN, device, ctx),
        slice(user, resource, "open:" + o.path()));
  }

  private Prepared ioctl(IoctlRequest i) {
    Entity user = user(i.principal());
    Entity resource = i.known() ? ioctls.get(i.ioctlName()) : null;
    EntityUID uid = resource != null ? resource.getEUID() : IOCTL.of(i.code().hex());
    Map<String, Value> ctx = new HashMap<>();
    ctx.put("granted", rights(i.grantedAccess()));
    ctx.put("requiresValidatedRight", new PrimBool(i.requiresValidatedRight()));
    return new Prepared(i.id(), new AuthorizationRequest(user.getEUID(), SEND_IOCTL, uid, ctx),
        slice(user, resource, "ioctl:" + uid.getId()));
  }

  private Entity user(String principal) {
    Entity u = users.get(principal);
    if (u == null) {
      throw new IllegalArgumentException("unknown principal `" + principal + "`");
    }
    return u;
  }

  private Entities slice(Entity user, Entity resource, String key) {
    return slices.computeIfAbsent(user.getEUID().getId() + "|" + key, k -> {
      Set<Entity> s = new HashSet<>();
      s.add(user);
      if (resource != null) {
        s.add(resource);
      }
      return new Entities(s);
    });
  }

  /** The device entity: for each right, the SIDs whose allow ACEs grant it. */
  private static Entity deviceEntity(EntityUID uid, SecurityDescriptor sd) {
    if (sd.hasNullDacl()) {
      throw new UnsupportedOperationException("a NULL DACL is not modelled in the Cedar peer");
    }
    if (sd.owner().isPresent()) {
      throw new UnsupportedOperationException("owner implicit rights are not modelled in the Cedar peer");
    }
    Map<String, List<Value>> granted = new LinkedHashMap<>();
    for (String r : RIGHTS.values()) {
      granted.put(r, new ArrayList<>());
    }
    for (Ace ace : sd.dacl().get().aces()) {
      if (ace.has(AceFlag.INHERIT_ONLY) || ace.objectType().isPresent()) {
        continue;
      }
      if (!ace.type().isAllow()) {
        throw new UnsupportedOperationException("deny ACEs are not expressible in the Cedar peer: " + ace.toSddl());
      }
      if (ace.sid().equals(Sid.OWNER_RIGHTS)) {
        throw new UnsupportedOperationException("OWNER RIGHTS is not modelled in the Cedar peer");
      }
      int mask = GenericMapping.FILE.map(ace.mask());
      for (Map.Entry<Integer, String> e : RIGHTS.entrySet()) {
        if ((mask & e.getKey()) != 0) {
          List<Value> l = granted.get(e.getValue());
          EntityUID sid = SID.of(ace.sid().toString());
          if (!l.contains(sid)) {
            l.add(sid);
          }
        }
      }
    }
    Map<String, Value> attrs = new HashMap<>();
    granted.forEach((k, v) -> attrs.put(k, new CedarList(v)));
    return new Entity(uid, attrs, Set.of());
  }

  static CedarList rights(int mask) {
    List<Value> out = new ArrayList<>();
    for (Map.Entry<Integer, String> e : RIGHTS.entrySet()) {
      if ((mask & e.getKey()) != 0) {
        out.add(new com.cedarpolicy.value.PrimString(e.getValue()));
      }
    }
    int rest = mask & ~EXPRESSIBLE;
    for (int bit = 0; bit < 32; bit++) {
      if ((rest & (1 << bit)) != 0) {
        out.add(new com.cedarpolicy.value.PrimString("BIT_" + bit));
      }
    }
    return new CedarList(out);
  }

  /** Decides one prepared request: true for allow. */
  public boolean isAllowed(Prepared p) {
    try {
      AuthorizationResponse r = engine.isAuthorized(p.request(), policySet, p.entities());
      if (r.success.isEmpty()) {
        throw new IllegalStateException("Cedar failed on `" + p.id() + "`: " + r);
      }
      return r.success.get().isAllowed();
    } catch (AuthException e) {
      throw new IllegalStateException("Cedar failed on `" + p.id() + "`: " + e.getMessage(), e);
    }
  }

  /** The ids of the policies that decided (empty for a default deny), and errors, for tests. */
  public String explain(Prepared p) throws AuthException {
    AuthorizationResponse r = engine.isAuthorized(p.request(), policySet, p.entities());
    return r.success.map(s -> "allowed=" + s.isAllowed() + " reason=" + s.getReason() + " errors=" + s.getErrors())
        .orElse("failure " + r);
  }

  private static EntityTypeName type(String name) {
    return EntityTypeName.parse(name).orElseThrow();
  }
}
