import Foundation

/// A positioned timeline's DOT, whole and in the pieces its SVG is drawn from (``PositionedDOTEncoder``).
///
/// - ``whole`` is `timeline.dot`: every node with its absolute position, for `neato -n2`.
/// - ``frame`` holds what spans the timeline: title and legend, the time axis, relation edges and their
///   labels, with invisible stand-ins for the boxes that edges join (so that Graphviz clips each edge at the
///   box it meets) and two invisible corners that give the drawing its full size.
/// - ``tiles`` hold the event boxes: whole columns of one period, about 256 boxes a tile, each tile in
///   coordinates local to its left edge. A tile's DOT depends only on its events and the column height, so
///   after one document changed, a build draws the tiles that changed (from the changed box to the end of its
///   period, whose later boxes move) and takes the others from a ``PieceStore``.
///
/// The SVG is the frame's, with each tile's drawing shifted into place (``SVGTiles``).
public struct PositionedDrawing: Sendable {
    /// Whole columns of one period's boxes.
    public struct Tile: Sendable {
        /// The x of the tile's left edge in the whole drawing (points).
        public var left: Double
        /// The key of the tile's SVG in a ``PieceStore`` ("" when drawn without one).
        public var key: String
        /// The tile's DOT, positions relative to ``left`` ("" when ``svg`` came from the store).
        public var dot: String
        /// The tile's SVG, when the store held it.
        public var svg: Data?
        /// Where the drawing's body lies in ``svg`` (``SVGTiles/body(ofTile:)``), found when the store's piece
        /// was checked.
        public var svgBody: Range<Int>?
    }

    /// The whole DOT (`timeline.dot`), or empty when not asked for.
    public var whole: String
    /// The frame's DOT.
    public var frame: String
    /// The tiles, left to right.
    public var tiles: [Tile]
}
