package io.drvguard.facts.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A Windows security identifier: revision 1, a 48-bit identifier authority and up to 15 unsigned
 * 32-bit sub-authorities.
 *
 * <p>{@link #parse(String)} accepts the {@code S-1-…} form and the SDDL two-letter aliases that
 * stand for a fixed SID. Aliases relative to a domain (LA, LG, DA, DU, DG, DC, DD, CA, SA, EA, PA,
 * CN, AP, KA, EK, RS, RO) need that domain's SID: without one they are rejected ("needs a domain
 * sid"), with {@link #parse(String, Sid)} they resolve to {@code domain-RID}.
 */
public final class Sid implements Comparable<Sid> {
  /** Sub-authority limit of the SID structure (SID_MAX_SUB_AUTHORITIES). */
  public static final int MAX_SUB_AUTHORITIES = 15;
  private static final long MAX_AUTHORITY = (1L << 48) - 1;
  private static final long MAX_SUB_AUTHORITY = 0xFFFF_FFFFL;

  private final long authority;
  private final long[] subAuthorities;
  // tokens are hash sets of SIDs, looked up for every ACE an access check reads
  private final int hash;

  private Sid(long authority, long[] subAuthorities) {
    if (authority < 0 || authority > MAX_AUTHORITY) {
      throw new IllegalArgumentException("identifier authority out of range: `" + authority + "`");
    }
    if (subAuthorities.length > MAX_SUB_AUTHORITIES) {
      throw new IllegalArgumentException("too many sub-authorities: `" + subAuthorities.length + "`");
    }
    for (long s : subAuthorities) {
      if (s < 0 || s > MAX_SUB_AUTHORITY) {
        throw new IllegalArgumentException("sub-authority out of range: `" + s + "`");
      }
    }
    this.authority = authority;
    this.subAuthorities = subAuthorities;
    this.hash = Long.hashCode(authority) * 31 + Arrays.hashCode(subAuthorities);
  }

  /** A SID from its parts; sub-authorities are unsigned 32-bit values held in longs. */
  public static Sid of(long authority, long... subAuthorities) {
    return new Sid(authority, subAuthorities.clone());
  }

  public static final Sid EVERYONE = parseNumeric("S-1-1-0");
  public static final Sid CREATOR_OWNER = parseNumeric("S-1-3-0");
  public static final Sid CREATOR_GROUP = parseNumeric("S-1-3-1");
  public static final Sid OWNER_RIGHTS = parseNumeric("S-1-3-4");
  public static final Sid NETWORK = parseNumeric("S-1-5-2");
  public static final Sid INTERACTIVE = parseNumeric("S-1-5-4");
  public static final Sid SERVICE = parseNumeric("S-1-5-6");
  public static final Sid ANONYMOUS = parseNumeric("S-1-5-7");
  public static final Sid AUTHENTICATED_USERS = parseNumeric("S-1-5-11");
  public static final Sid RESTRICTED = parseNumeric("S-1-5-12");
  public static final Sid LOCAL_SYSTEM = parseNumeric("S-1-5-18");
  public static final Sid LOCAL_SERVICE = parseNumeric("S-1-5-19");
  public static final Sid NETWORK_SERVICE = parseNumeric("S-1-5-20");
  public static final Sid BUILTIN_ADMINISTRATORS = parseNumeric("S-1-5-32-544");
  public static final Sid BUILTIN_USERS = parseNumeric("S-1-5-32-545");
  public static final Sid BUILTIN_GUESTS = parseNumeric("S-1-5-32-546");
  public static final Sid ALL_APP_PACKAGES = parseNumeric("S-1-15-2-1");

  /** Parses {@code S-1-…} or a fixed SDDL alias; a domain-relative alias is an error. */
  public static Sid parse(String text) {
    return parse(text, null);
  }

  /** Parses {@code S-1-…} or any SDDL alias; domain-relative aliases resolve against {@code domain}. */
  public static Sid parse(String text, Sid domain) {
    Objects.requireNonNull(text, "text");
    return parseAt(text, 0, text.length(), domain, false);
  }

  /**
   * Parses {@code text[start,end)} as a SID. Leading whitespace is skipped (Windows reads the
   * numbers with wcstoul); trailing whitespace is allowed after an alias, and after a numeric SID
   * only when {@code trailingSpaceAfterNumeric} (Windows rejects {@code S-1-3-4 )} inside an ACE).
   */
  static Sid parseAt(String text, int start, int end, Sid domain, boolean trailingSpaceAfterNumeric) {
    int p = start;
    while (p < end && Chars.isSpace(text.charAt(p))) {
      p++;
    }
    if (p >= end) {
      throw SddlException.parse(p, "expected a sid");
    }
    if (end - p >= 2 && (text.charAt(p) == 'S' || text.charAt(p) == 's') && text.charAt(p + 1) == '-') {
      int stop = end;
      if (trailingSpaceAfterNumeric) {
        while (stop > p && Chars.isSpace(text.charAt(stop - 1))) {
          stop--;
        }
      }
      return parseNumericAt(text, p, stop);
    }
    int q = p + 2;
    if (q > end) {
      throw SddlException.parse(p, "unknown sid alias `" + text.substring(p, end) + "`");
    }
    String alias = text.substring(p, q);
    for (int r = q; r < end; r++) {
      if (!Chars.isSpace(text.charAt(r))) {
        throw SddlException.parse(p, "unknown sid alias `" + text.substring(p, end) + "`");
      }
    }
    Optional<Sid> fixed = SidAlias.fixed(alias);
    if (fixed.isPresent()) {
      return fixed.get();
    }
    Optional<Long> rid = SidAlias.domainRid(alias);
    if (rid.isPresent()) {
      if (domain == null) {
        throw SddlException.parse(p, "sid alias `" + alias + "` needs a domain sid");
      }
      return domain.child(rid.get());
    }
    throw SddlException.parse(p, "unknown sid alias `" + alias + "`");
  }

  /** Strict {@code S-1-…} parse for constants. */
  static Sid parseNumeric(String text) {
    return parseNumericAt(text, 0, text.length());
  }

  /**
   * The {@code S-R-I-S…} grammar as ConvertStringSidToSid reads it: each number is read like
   * wcstoul (leading whitespace, {@code 0x} hex), sub-authorities saturate at 4294967295, the
   * authority may not exceed 48 bits. A hexadecimal revision ({@code S-0x1-…}) makes Windows read
   * every later number as hexadecimal too; that quirk is reproduced.
   */
  private static Sid parseNumericAt(String text, int start, int end) {
    // text[start,start+2) is "S-" or "s-"
    int p = start + 2;
    List<Long> numbers = new ArrayList<>();
    boolean allHex = false;
    while (true) {
      int numStart = p;
      while (p < end && Chars.isSpace(text.charAt(p))) {
        p++;
      }
      boolean hex = allHex;
      if (p + 1 < end && text.charAt(p) == '0' && (text.charAt(p + 1) == 'x' || text.charAt(p + 1) == 'X')
          && p + 2 < end && Character.digit(text.charAt(p + 2), 16) >= 0) {
        hex = true;
        p += 2;
        if (numbers.isEmpty()) {
          allHex = true;
        }
      }
      int digitsStart = p;
      long value = 0;
      boolean overflow = false;
      int radix = hex ? 16 : 10;
      while (p < end && Character.digit(text.charAt(p), radix) >= 0 && text.charAt(p) < 128) {
        value = value * radix + Character.digit(text.charAt(p), radix);
        if (value > MAX_AUTHORITY) {
          overflow = true;
          value = MAX_AUTHORITY + 1;
        }
        p++;
      }
      if (p == digitsStart) {
        String found = p < end ? "`" + text.charAt(p) + "`" : "end of sid";
        throw SddlException.parse(p, "expected a number in sid `" + text.substring(start, end) + "`, found " + found);
      }
      int index = numbers.size();
      if (index == 0) {
        if (value != 1) {
          throw SddlException.parse(numStart, "unsupported sid revision `" + text.substring(numStart, p).trim() + "`");
        }
      } else if (index == 1) {
        if (overflow) {
          throw SddlException.parse(numStart, "sid identifier authority `" + text.substring(numStart, p).trim() + "` exceeds 48 bits");
        }
      } else {
        // ConvertStringSidToSid saturates oversized sub-authorities (wcstoul returns ULONG_MAX)
        value = Math.min(value, MAX_SUB_AUTHORITY);
        if (overflow) {
          value = MAX_SUB_AUTHORITY;
        }
      }
      numbers.add(value);
      if (numbers.size() > 2 + MAX_SUB_AUTHORITIES) {
        throw SddlException.parse(numStart, "sid `" + text.substring(start, end) + "` has more than 15 sub-authorities");
      }
      if (p == end) {
        break;
      }
      if (text.charAt(p) != '-') {
        throw SddlException.parse(p, "unexpected `" + text.charAt(p) + "` in sid `" + text.substring(start, end) + "`");
      }
      p++;
    }
    if (numbers.size() < 2) {
      throw SddlException.parse(end, "sid `" + text.substring(start, end) + "` has no identifier authority");
    }
    long[] subs = new long[numbers.size() - 2];
    for (int i = 0; i < subs.length; i++) {
      subs[i] = numbers.get(i + 2);
    }
    return new Sid(numbers.get(1), subs);
  }

  /** Always 1 (SID_REVISION). */
  public int revision() {
    return 1;
  }

  /** The 48-bit identifier authority, e.g. 5 (NT Authority) for {@code S-1-5-…}. */
  public long identifierAuthority() {
    return authority;
  }

  /** The sub-authorities, in order. */
  public List<Long> subAuthorities() {
    List<Long> list = new ArrayList<>(subAuthorities.length);
    for (long s : subAuthorities) {
      list.add(s);
    }
    return List.copyOf(list);
  }

  /** The last sub-authority (the relative identifier), or -1 when there is none. */
  public long rid() {
    return subAuthorities.length == 0 ? -1 : subAuthorities[subAuthorities.length - 1];
  }

  /** This SID with one more sub-authority, e.g. a domain SID plus a RID. */
  public Sid child(long rid) {
    long[] subs = Arrays.copyOf(subAuthorities, subAuthorities.length + 1);
    subs[subs.length - 1] = rid;
    return new Sid(authority, subs);
  }

  /** True when this SID is {@code parent} plus exactly one sub-authority. */
  public boolean isDirectChildOf(Sid parent) {
    if (parent.authority != authority || subAuthorities.length != parent.subAuthorities.length + 1) {
      return false;
    }
    for (int i = 0; i < parent.subAuthorities.length; i++) {
      if (parent.subAuthorities[i] != subAuthorities[i]) {
        return false;
      }
    }
    return true;
  }

  /** The SDDL alias that needs no domain, if this SID has one. */
  public Optional<String> alias() {
    return SidAlias.aliasOf(this);
  }

  /** The SDDL alias, also domain-relative ones when {@code domain} is given and this SID is in it. */
  public Optional<String> alias(Sid domain) {
    Optional<String> fixed = alias();
    return fixed.isPresent() ? fixed : SidAlias.domainAliasOf(this, domain);
  }

  /** Windows' canonical SDDL form: the alias when there is one, else {@code S-1-…}. */
  public String toSddl() {
    return alias().orElseGet(this::toString);
  }

  /** As {@link #toSddl()}, with domain-relative aliases for SIDs in {@code domain}. */
  public String toSddl(Sid domain) {
    return alias(domain).orElseGet(this::toString);
  }

  /**
   * {@code S-1-…}; an authority of 2^32 or more is printed in upper-case hexadecimal, as
   * ConvertSidToStringSid does (e.g. {@code S-1-0x12A05F200-30-40}).
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("S-1-");
    if (authority >= (1L << 32)) {
      sb.append("0x").append(Long.toHexString(authority).toUpperCase(Locale.ROOT));
    } else {
      sb.append(authority);
    }
    for (long s : subAuthorities) {
      sb.append('-').append(s);
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sid other && other.hash == hash && other.authority == authority
        && Arrays.equals(other.subAuthorities, subAuthorities);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Orders SIDs by authority, then sub-authorities. */
  @Override
  public int compareTo(Sid o) {
    int c = Long.compare(authority, o.authority);
    if (c != 0) {
      return c;
    }
    return Arrays.compare(subAuthorities, o.subAuthorities);
  }
}
