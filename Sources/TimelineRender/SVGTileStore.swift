import Foundation

/// Keeps the SVG of drawn tiles (``PositionedDrawing``) between renderings, so that a rebuild after a
/// small change draws only the tiles whose DOT changed. `timeline build` keeps one in its cache folder.
///
/// A store must return exactly the bytes stored for a key, or nil; keys (``TimelineRenderer`` makes them
/// from the Graphviz version and the tile's DOT) are to be compared whole, or by a cryptographic hash.
public protocol SVGTileStore: AnyObject, Sendable {
    /// The SVG stored for `key`, if any.
    func svg(forKey key: String) -> Data?
    /// Stores `svg` for `key`; called once per tile drawn by this rendering.
    func store(_ svg: Data, forKey key: String)
    /// Called at the end of a rendering with every key it used (found or stored): what a store may keep.
    func used(_ keys: [String])
}
