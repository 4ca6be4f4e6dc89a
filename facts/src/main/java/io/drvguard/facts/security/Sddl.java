package io.drvguard.facts.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads and writes the Security Descriptor Definition Language the way Windows'
 * ConvertStringSecurityDescriptorToSecurityDescriptor and
 * ConvertSecurityDescriptorToStringSecurityDescriptor do, including the leniencies and quirks
 * that Samba recorded against Windows (libcli/security/tests/windows):
 *
 * <ul>
 *   <li>component letters {@code O: G: D: S:} are case-sensitive, in any order, each at most once;
 *       whitespace is allowed around components, ACL flags and ACEs, but not between a letter and
 *       its colon;
 *   <li>ACE types, flags, right codes and SID aliases are case-insensitive;
 *   <li>inside an ACE, whitespace may precede a field; right codes may be separated by spaces but
 *       not followed by them; a two-letter SID may be followed by whitespace, an {@code S-…} SID
 *       may not; a GUID field must be empty, blank or exactly a 36-character GUID;
 *   <li>an owner or group ends just before the letter of the next component, so
 *       {@code O:S-1-2-0x200D:} is {@code S-1-2-512} followed by a DACL;
 *   <li>SACL-only ACE types (audit, alarm, label…) are rejected in a DACL, as Windows does.
 * </ul>
 *
 * <p>Conditional (callback) ACEs and resource-attribute ACEs are reported as {@code
 * sddl_unsupported}. Domain-relative SID aliases (LG, DA, …) need a domain SID; see {@link Sid}.
 */
public final class Sddl {
  private Sddl() {}

  /** Parses without a domain: domain-relative aliases are an error. */
  public static SecurityDescriptor parse(String sddl) {
    return parse(sddl, null);
  }

  /** Parses, resolving domain-relative aliases (LG, DA, …) against {@code domain} when non-null. */
  public static SecurityDescriptor parse(String sddl, Sid domain) {
    Objects.requireNonNull(sddl, "sddl");
    return new Parser(sddl, domain).descriptor();
  }

  /** Windows' canonical SDDL for {@code sd}: components O G D S, aliases where they exist. */
  public static String format(SecurityDescriptor sd) {
    return format(sd, null);
  }

  /** As {@link #format(SecurityDescriptor)}, also printing domain-relative aliases for {@code domain}. */
  public static String format(SecurityDescriptor sd, Sid domain) {
    StringBuilder sb = new StringBuilder();
    sd.owner().ifPresent(s -> sb.append("O:").append(s.toSddl(domain)));
    sd.group().ifPresent(s -> sb.append("G:").append(s.toSddl(domain)));
    sd.dacl().ifPresent(a -> sb.append("D:").append(a.toSddl(domain)));
    sd.sacl().ifPresent(a -> sb.append("S:").append(a.toSddl(domain)));
    return sb.toString();
  }

  private static final class Parser {
    private final String s;
    private final int n;
    private final Sid domain;
    private int pos;

    Parser(String s, Sid domain) {
      this.s = s;
      this.n = s.length();
      this.domain = domain;
    }

    SecurityDescriptor descriptor() {
      Sid owner = null;
      Sid group = null;
      Acl dacl = null;
      Acl sacl = null;
      skipSpace();
      while (pos < n) {
        char c = s.charAt(pos);
        if (pos + 1 >= n || s.charAt(pos + 1) != ':') {
          throw SddlException.parse(pos, "expected `O:`, `G:`, `D:` or `S:`, found `" + excerpt(pos) + "`");
        }
        int at = pos;
        switch (c) {
          case 'O' -> {
            duplicate(owner != null, at, c);
            pos += 2;
            owner = componentSid();
          }
          case 'G' -> {
            duplicate(group != null, at, c);
            pos += 2;
            group = componentSid();
          }
          case 'D' -> {
            duplicate(dacl != null, at, c);
            pos += 2;
            dacl = acl(true);
          }
          case 'S' -> {
            duplicate(sacl != null, at, c);
            pos += 2;
            sacl = acl(false);
          }
          default -> throw SddlException.parse(pos, "unknown component `" + c + ":`");
        }
        skipSpace();
      }
      return new SecurityDescriptor(
          Optional.ofNullable(owner), Optional.ofNullable(group), Optional.ofNullable(dacl), Optional.ofNullable(sacl));
    }

    private void duplicate(boolean seen, int at, char c) {
      if (seen) {
        throw SddlException.parse(at, "duplicate `" + c + ":` component");
      }
    }

    /** Owner or group: runs up to the letter before the next colon, or to the end. */
    private Sid componentSid() {
      int start = pos;
      int colon = s.indexOf(':', start);
      int end = colon < 0 ? n : Math.max(start, colon - 1);
      Sid sid = Sid.parseAt(s, start, end, domain, true);
      pos = end;
      return sid;
    }

    private Acl acl(boolean isDacl) {
      skipSpace();
      Set<AclFlag> flags = EnumSet.noneOf(AclFlag.class);
      while (pos < n) {
        if (s.regionMatches(true, pos, "NO_ACCESS_CONTROL", 0, 17)) {
          flags.add(AclFlag.NO_ACCESS_CONTROL);
          pos += 17;
        } else if (s.regionMatches(true, pos, "P", 0, 1)) {
          flags.add(AclFlag.PROTECTED);
          pos += 1;
        } else if (s.regionMatches(true, pos, "AR", 0, 2)) {
          flags.add(AclFlag.AUTO_INHERIT_REQUIRED);
          pos += 2;
        } else if (s.regionMatches(true, pos, "AI", 0, 2)) {
          flags.add(AclFlag.AUTO_INHERITED);
          pos += 2;
        } else {
          break;
        }
      }
      skipSpace();
      List<Ace> aces = new ArrayList<>();
      int firstAce = pos;
      while (pos < n && s.charAt(pos) == '(') {
        aces.add(ace(isDacl));
        skipSpace();
      }
      if (flags.contains(AclFlag.NO_ACCESS_CONTROL) && !aces.isEmpty()) {
        throw SddlException.parse(firstAce, "a `NO_ACCESS_CONTROL` acl cannot hold aces");
      }
      return new Acl(flags, aces);
    }

    private Ace ace(boolean isDacl) {
      int open = pos;
      int typeStart = open + 1;
      int typeEnd = typeStart;
      while (typeEnd < n && s.charAt(typeEnd) != ';' && s.charAt(typeEnd) != ')') {
        typeEnd++;
      }
      if (typeEnd >= n) {
        throw SddlException.parse(open, "unterminated ace `" + excerpt(open) + "`");
      }
      String typeText = s.substring(typeStart, typeEnd);
      AceType type = AceType.fromCode(typeText)
          .orElseThrow(() -> SddlException.parse(typeStart, "unknown ace type `" + typeText + "`"));
      if (type.hasApplicationData()) {
        throw SddlException.unsupported(typeStart,
            "ace type `" + type.code() + "` (conditional, callback or resource attribute ace) is not supported");
      }
      if (isDacl && !type.allowedInDacl()) {
        throw SddlException.parse(typeStart, "ace type `" + type.code() + "` is not allowed in a dacl");
      }
      int[] starts = new int[6];
      int[] ends = new int[6];
      starts[0] = typeStart;
      ends[0] = typeEnd;
      int field = 0;
      int p = typeEnd;
      while (true) {
        if (p >= n) {
          throw SddlException.parse(open, "unterminated ace `" + excerpt(open) + "`");
        }
        char c = s.charAt(p);
        if (c == ')') {
          ends[field] = p;
          break;
        }
        if (c == ';') {
          ends[field] = p;
          field++;
          if (field == 6) {
            throw SddlException.parse(p, "too many fields in ace, expected 6");
          }
          starts[field] = p + 1;
        } else if (c == '(') {
          throw SddlException.parse(p, "unexpected `(` inside ace");
        }
        p++;
      }
      if (field != 5) {
        throw SddlException.parse(p, "ace has " + (field + 1) + (field == 0 ? " field" : " fields") + ", expected 6");
      }
      pos = p + 1;
      Set<AceFlag> flags = aceFlags(starts[1], ends[1]);
      int mask = AccessMask.parseSddlRights(s, starts[2], ends[2]);
      Optional<UUID> object = guid(starts[3], ends[3]);
      Optional<UUID> inherited = guid(starts[4], ends[4]);
      if (!type.isObject()) {
        if (object.isPresent()) {
          throw SddlException.parse(starts[3], "object type guid on non-object ace type `" + type.code() + "`");
        }
        if (inherited.isPresent()) {
          throw SddlException.parse(starts[4], "inherited object type guid on non-object ace type `" + type.code() + "`");
        }
      }
      Sid sid = Sid.parseAt(s, starts[5], ends[5], domain, false);
      return new Ace(type, flags, mask, object, inherited, sid);
    }

    private Set<AceFlag> aceFlags(int start, int end) {
      Set<AceFlag> flags = EnumSet.noneOf(AceFlag.class);
      int p = start;
      while (p < end && Chars.isSpace(s.charAt(p))) {
        p++;
      }
      while (p < end) {
        if (p + 2 > end) {
          throw SddlException.parse(p, "unknown ace flag `" + s.substring(p, end) + "`");
        }
        String code = s.substring(p, p + 2);
        int at = p;
        AceFlag f = AceFlag.fromCode(code)
            .orElseThrow(() -> SddlException.parse(at, "unknown ace flag `" + code + "`"));
        flags.add(f);
        p += 2;
      }
      return flags;
    }

    private Optional<UUID> guid(int start, int end) {
      boolean blank = true;
      for (int p = start; p < end; p++) {
        if (!Chars.isSpace(s.charAt(p))) {
          blank = false;
          break;
        }
      }
      if (blank) {
        return Optional.empty();
      }
      String text = s.substring(start, end);
      if (!isGuid(text)) {
        throw SddlException.parse(start, "invalid guid `" + text + "`");
      }
      return Optional.of(UUID.fromString(text));
    }

    private static boolean isGuid(String t) {
      if (t.length() != 36) {
        return false;
      }
      for (int i = 0; i < 36; i++) {
        char c = t.charAt(i);
        boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != '-' : Character.digit(c, 16) < 0 || c > 127) {
          return false;
        }
      }
      return true;
    }

    private void skipSpace() {
      while (pos < n && Chars.isSpace(s.charAt(pos))) {
        pos++;
      }
    }

    private String excerpt(int from) {
      int to = Math.min(n, from + 20);
      return s.substring(from, to) + (to < n ? "…" : "");
    }
  }
}
