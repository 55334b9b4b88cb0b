import Foundation

/// Keeps rendered pieces between renderings (SVG tiles and frames of ``PositionedDrawing``, Markdown
/// sections, events.json chunks), so that a rebuild after a small change renders only the pieces whose
/// inputs changed. `timeline build` keeps one in its cache folder.
///
/// A store must return exactly the bytes stored for a key, or nil. Keys name everything a piece depends on
/// (the renderer makes them from the Graphviz version and the piece's DOT, or from ``EventDigest``s and the
/// render options); stores compare them whole or by a cryptographic hash, and add the program's version.
public protocol PieceStore: AnyObject, Sendable {
    /// The piece stored for `key`, if any.
    func piece(forKey key: String) -> Data?
    /// Stores `piece` for `key`; called once per piece rendered.
    func store(_ piece: Data, forKey key: String)
    /// Tells the store the keys a rendering used (found or stored): what it may keep. Called once or more per
    /// rendering; the union counts.
    func used(_ keys: [String])
}
