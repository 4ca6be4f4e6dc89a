/**
 * Reading Windows INF files exactly, for INF-1/INF-2 and M-1. Nothing here decides security.
 *
 * <ul>
 *   <li>{@link io.drvguard.adapters.inf.InfReader} decodes (see {@code InfDecoder} for the encoding
 *       rules and the heuristic that rejects UTF-16 converted twice) and parses an INF into an
 *       {@link io.drvguard.adapters.inf.InfFile}; unreadable bytes are an
 *       {@link io.drvguard.adapters.inf.InfException}, oddities in readable text are
 *       {@link io.drvguard.adapters.inf.InfDiagnostic}s;
 *   <li>{@link io.drvguard.adapters.inf.AddRegResolver} follows {@code AddReg=} from
 *       {@code DDInstall.HW}, {@code ClassInstall32} and {@code DDInstall} sections to
 *       {@link io.drvguard.facts.inf.InfRegistryValue} facts, one per line and referencing section.
 * </ul>
 *
 * Against the corpus ({@code shared/corpus/wds}): all 138 blobs and 136 of 138 checkouts read, the
 * two UTF-16 blobs that git's CRLF conversion corrupted in the checkout are rejected, and the 44
 * rows of {@code inf_security_addreg.tsv} are reproduced from both, with no device-property value
 * the table lacks.
 */
package io.drvguard.adapters.inf;
