import Foundation
import TimelineModel
import TimelineRender

/// events.json made from pieces (``PieceStore``): the same bytes as ``EventGraphCoder/encode(_:)``, with
/// the `events` array put together from chunks of consecutive events, each chunk's JSON taken from the store
/// while its events are unchanged (``EventDigest``) and encoded and stored otherwise.
///
/// Chunks end where an event's digest starts with `0`, `1`, `2` or `3` in its first two hex digits (on
/// average every 64 events): the ends depend on the events alone, so adding or changing one event changes
/// one or two chunks, not every chunk after it.
enum EventsFilePieces {
    static func encode(_ graph: EventGraph, pieces: PieceStore?, digests memo: EventDigest.Memo? = nil) throws -> Data {
        guard let pieces, !graph.events.isEmpty else { return try EventGraphCoder.encode(graph) }
        var canonical = graph
        canonical.canonicalize()
        let events = canonical.events
        var skeleton = canonical
        skeleton.events = []
        let frame = try EventGraphCoder.encodeCanonical(skeleton)
        let empty = Array("\"events\" : [\n\n  ]".utf8)
        guard let at = frame.firstRange(of: empty) else { return try EventGraphCoder.encode(graph) }

        let digests = memo?.digests(of: events) ?? EventDigest.digests(of: events)
        var out = Data(capacity: frame.count + events.count * 1_100)
        out.append(frame[frame.startIndex..<at.lowerBound])
        out.append(contentsOf: Array("\"events\" : [\n".utf8))
        var keys: [String] = []
        var start = 0
        for i in events.indices where i == events.count - 1 || endsChunk(digests[i]) {
            let key = "events.json\n" + digests[start...i].joined(separator: "\n")
            keys.append(key)
            if start > 0 { out.append(contentsOf: [UInt8(ascii: ","), 0x0A]) }
            if let piece = pieces.piece(forKey: key) {
                out.append(piece)
            } else {
                let piece = Data(try EventGraphCoder.encodeEventElements(events[start...i]))
                pieces.store(piece, forKey: key)
                out.append(piece)
            }
            start = i + 1
        }
        pieces.used(keys)
        out.append(contentsOf: Array("\n  ]".utf8))
        out.append(frame[at.upperBound...])
        return out
    }

    /// Whether a chunk ends after the event of this hex digest: its first two digits are 00 to 03.
    static func endsChunk(_ digest: String) -> Bool {
        let d = Array(digest.utf8.prefix(2))
        return d.count == 2 && d[0] == UInt8(ascii: "0") && (UInt8(ascii: "0")...UInt8(ascii: "3")).contains(d[1])
    }
}
