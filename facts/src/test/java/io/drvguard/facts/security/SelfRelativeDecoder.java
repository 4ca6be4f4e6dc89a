package io.drvguard.facts.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Test-only reader of the self-relative SECURITY_DESCRIPTOR layout ([MS-DTYP] 2.4.6), so that
 * what drvguard parses can be compared with the descriptor Windows built from the same SDDL.
 */
final class SelfRelativeDecoder {
  private final byte[] b;

  private SelfRelativeDecoder(byte[] b) {
    this.b = b;
  }

  static SecurityDescriptor decode(List<Integer> bytes) {
    byte[] b = new byte[bytes.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (int) bytes.get(i);
    }
    return new SelfRelativeDecoder(b).descriptor();
  }

  private int u8(int at) {
    return b[at] & 0xff;
  }

  private int u16(int at) {
    return u8(at) | u8(at + 1) << 8;
  }

  private long u32(int at) {
    return (u16(at) | (long) u16(at + 2) << 16) & 0xFFFF_FFFFL;
  }

  private SecurityDescriptor descriptor() {
    int control = u16(2);
    int owner = (int) u32(4);
    int group = (int) u32(8);
    int sacl = (int) u32(12);
    int dacl = (int) u32(16);
    Optional<Acl> d = (control & 0x4) == 0 ? Optional.empty()
        : Optional.of(acl(dacl, flags(control, 0x1000, 0x100, 0x400)));
    Optional<Acl> s = (control & 0x10) == 0 ? Optional.empty()
        : Optional.of(acl(sacl, flags(control, 0x2000, 0x200, 0x800)));
    return new SecurityDescriptor(
        owner == 0 ? Optional.empty() : Optional.of(sid(owner)),
        group == 0 ? Optional.empty() : Optional.of(sid(group)), d, s);
  }

  private static Set<AclFlag> flags(int control, int prot, int req, int auto) {
    Set<AclFlag> f = EnumSet.noneOf(AclFlag.class);
    if ((control & prot) != 0) {
      f.add(AclFlag.PROTECTED);
    }
    if ((control & req) != 0) {
      f.add(AclFlag.AUTO_INHERIT_REQUIRED);
    }
    if ((control & auto) != 0) {
      f.add(AclFlag.AUTO_INHERITED);
    }
    return f;
  }

  private Acl acl(int at, Set<AclFlag> flags) {
    if (at == 0) {
      Set<AclFlag> f = EnumSet.copyOf(flags.isEmpty() ? EnumSet.of(AclFlag.NO_ACCESS_CONTROL) : flags);
      f.add(AclFlag.NO_ACCESS_CONTROL);
      return new Acl(f, List.of());
    }
    int count = u16(at + 4);
    int p = at + 8;
    List<Ace> aces = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int typeValue = u8(p);
      AceType type = null;
      for (AceType t : AceType.values()) {
        if (t.value() == typeValue) {
          type = t;
        }
      }
      if (type == null) {
        throw new IllegalStateException("ace type " + typeValue);
      }
      Set<AceFlag> aceFlags = EnumSet.noneOf(AceFlag.class);
      for (AceFlag f : AceFlag.values()) {
        if ((u8(p + 1) & f.value()) != 0) {
          aceFlags.add(f);
        }
      }
      int size = u16(p + 2);
      int mask = (int) u32(p + 4);
      int q = p + 8;
      Optional<UUID> object = Optional.empty();
      Optional<UUID> inherited = Optional.empty();
      if (type.isObject()) {
        long objFlags = u32(q);
        q += 4;
        if ((objFlags & 1) != 0) {
          object = Optional.of(guid(q));
          q += 16;
        }
        if ((objFlags & 2) != 0) {
          inherited = Optional.of(guid(q));
          q += 16;
        }
      }
      aces.add(new Ace(type, aceFlags, mask, object, inherited, sid(q)));
      p += size;
    }
    return new Acl(flags, aces);
  }

  private UUID guid(int at) {
    long d1 = u32(at);
    long d2 = u16(at + 4);
    long d3 = u16(at + 6);
    long msb = d1 << 32 | d2 << 16 | d3;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      lsb = lsb << 8 | u8(at + 8 + i);
    }
    return new UUID(msb, lsb);
  }

  private Sid sid(int at) {
    int n = u8(at + 1);
    long authority = 0;
    for (int i = 0; i < 6; i++) {
      authority = authority << 8 | u8(at + 2 + i);
    }
    long[] subs = new long[n];
    for (int i = 0; i < n; i++) {
      subs[i] = u32(at + 8 + 4 * i);
    }
    return Sid.of(authority, subs);
  }
}
