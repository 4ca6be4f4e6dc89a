package io.drvguard.adapters.tree;

import java.util.List;

/**
 * Where each key path of a loaded document was written ({@code deviceObjects[0].sddl}). Commons
 * Configuration keeps values but not positions, so every format has a second, position-only pass.
 */
interface Positions {
  /** 1-based line and column; 0 when unknown. */
  record Position(int line, int column) {
    static final Position UNKNOWN = new Position(0, 0);
  }

  /** The position of {@code path}, or of its nearest ancestor that has one. */
  Position at(String path);

  /**
   * Keys written in the mapping at {@code path} that the node tree may not show (YAML: keys whose
   * value is an empty list, which Commons Configuration drops). Empty for other formats.
   */
  List<String> keysAt(String path);

  Positions NONE = new Positions() {
    @Override
    public Position at(String path) {
      return Position.UNKNOWN;
    }

    @Override
    public List<String> keysAt(String path) {
      return List.of();
    }
  };
}
