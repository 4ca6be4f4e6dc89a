/**
 * One reading of YAML, JSON, properties and XML files into a tree of
 * {@link io.drvguard.adapters.tree.Section}s that knows the line of every key, checks keys and
 * types with messages that name the key path, and enforces input limits; long documents can be
 * streamed item by item ({@link io.drvguard.adapters.tree.StreamedDocument}). Manifests, scenarios,
 * waivers and configuration files are all read through it.
 */
package io.drvguard.adapters.tree;
