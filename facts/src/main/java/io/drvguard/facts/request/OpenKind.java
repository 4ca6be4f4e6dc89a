package io.drvguard.facts.request;

/** How an open names its target. */
public enum OpenKind {
  /** {@code \Device\Name}: the I/O manager checks the device object's descriptor (NS-1). */
  DIRECT,
  /** {@code \Device\Name\rest} (also {@code \Device\Name\}): an object in the device namespace. */
  NAMESPACE,
  /** {@code ""} relative to an open handle: {@code RelatedFileObject != NULL} (NS-6). */
  RELATIVE
}
