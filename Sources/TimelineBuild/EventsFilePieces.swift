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
        guard let at = Self.range(of: empty, in: frame) else { return try EventGraphCoder.encode(graph) }

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

    /// The first range of `needle` in `data` (memchr for its first byte, memcmp for the rest:
    /// `Data.firstRange(of:)` compares byte by byte through generic indices, and the frame runs to megabytes).
    static func range(of needle: [UInt8], in data: Data) -> Range<Int>? {
        guard let first = needle.first else { return nil }
        return data.withUnsafeBytes { hay in
            needle.withUnsafeBytes { n -> Range<Int>? in
                guard let base = hay.baseAddress else { return nil }
                var offset = 0
                while hay.count - offset >= n.count {
                    guard let hit = memchr(base + offset, Int32(first), hay.count - offset - n.count + 1) else { return nil }
                    offset = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + offset, n.baseAddress!, n.count) == 0 {
                        return (data.startIndex + offset)..<(data.startIndex + offset + n.count)
                    }
                    offset += 1
                }
                return nil
            }
        }
    }

    /// Whether a chunk ends after the event of this hex digest: its first two digits are 00 to 03.
    static func endsChunk(_ digest: String) -> Bool {
        let d = Array(digest.utf8.prefix(2))
        return d.count == 2 && d[0] == UInt8(ascii: "0") && (UInt8(ascii: "0")...UInt8(ascii: "3")).contains(d[1])
    }
}
