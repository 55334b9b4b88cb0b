import Foundation
import TimelineModel
import TimelineExtraction

/// The compact binary form of a ``CachedExtraction``, the payload of extraction entries in the cache.
///
/// A build after one document changed loads every other document's extraction from the cache; decoding
/// 2,000 entries with `JSONDecoder` took half a second, this form a small fraction of it. Integers are
/// zig-zag LEB128 varints, strings a varint byte count and UTF-8, optionals a 0/1 byte first. Decoding checks
/// every length against the bytes left and returns nil on anything inconsistent (the cache file's checksum
/// has already ruled out torn writes; this guards against a foreign or hand-edited payload).
extension CachedExtraction {
    /// The payload bytes.
    func binary() -> [UInt8] {
        var w = BinaryWriter()
        w.string(document)
        w.int(mentions.count)
        for m in mentions {
            w.ints(m.ts); w.ints(m.rs); w.string(m.q); w.string(m.dt); w.ints(m.ds); w.optionalString(m.e)
            w.string(m.t); w.int(m.tq); w.string(m.ty); w.strings(m.a); w.strings(m.p); w.string(m.l); w.int(m.s)
            w.optionalString(m.d)
        }
        w.int(relations.count)
        for r in relations {
            w.int(r.f); w.int(r.t); w.string(r.ty.rawValue)
            w.string(r.ev.document); w.ints(r.ev.span); w.string(r.ev.quote)
        }
        return w.bytes
    }
}

extension DocumentExtraction {
    /// Decodes ``CachedExtraction/binary()`` straight into the extraction; nil when the bytes are not such a
    /// payload or describe an inconsistent extraction (what ``CachedExtraction/extraction()`` rejects). No
    /// intermediate form is made (it took three arrays per mention for the spans): a one-change build loads
    /// every other document's extraction this way.
    init?(cachedBinary bytes: [UInt8]) {
        var r = BinaryReader(bytes)
        guard let document = r.string(), let count = r.count() else { return nil }
        var mentions: [ExtractedMention] = []
        mentions.reserveCapacity(count)
        for _ in 0..<count {
            guard let ts = r.range(), let rs = r.range(), let q = r.string(), let dt = r.string(), let ds = r.range(),
                  let e = r.optionalString(), let t = r.string(), let tq = r.int(), let ty = r.string(),
                  let a = r.strings(), let p = r.strings(), let l = r.string(), let s = r.int(),
                  let d = r.optionalString() else { return nil }
            mentions.append(ExtractedMention(document: d ?? document, textSpan: ts, rawSpan: rs, quote: q, dateText: dt,
                                             dateSpan: ds, edtf: e, title: t, titleQuality: tq, type: ty, actors: a,
                                             places: p, language: l, sentence: s))
        }
        guard let relationCount = r.count() else { return nil }
        var relations: [ExtractedRelation] = []
        for _ in 0..<relationCount {
            guard let f = r.int(), let t = r.int(), let tyName = r.string(), let ty = RelationType(rawValue: tyName),
                  let evDocument = r.string(), let evSpan = r.ints(), let evQuote = r.string(),
                  mentions.indices.contains(f), mentions.indices.contains(t) else { return nil }
            relations.append(ExtractedRelation(from: f, to: t, type: ty,
                                               evidence: Evidence(document: evDocument, span: evSpan, quote: evQuote)))
        }
        guard r.atEnd else { return nil }
        self.init(document: document, mentions: mentions, relations: relations)
    }
}

/// Appends varints and strings to a byte array.
struct BinaryWriter {
    var bytes: [UInt8] = []

    mutating func int(_ value: Int) {
        var v = UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))  // zig-zag
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func string(_ s: String) {
        int(s.utf8.count)
        bytes.append(contentsOf: s.utf8)
    }

    mutating func optionalString(_ s: String?) {
        if let s { bytes.append(1); string(s) } else { bytes.append(0) }
    }

    mutating func ints(_ values: [Int]) {
        int(values.count)
        for v in values { int(v) }
    }

    mutating func strings(_ values: [String]) {
        int(values.count)
        for v in values { string(v) }
    }
}

/// Reads what ``BinaryWriter`` wrote; every read returns nil past the end or on a malformed value.
struct BinaryReader {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }

    mutating func int() -> Int? {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.count, shift < 64 {
            let b = bytes[position]
            position += 1
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 {
                // Undo the zig-zag on the unsigned bits (an arithmetic shift would corrupt values past ±2^62).
                return Int(Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1))))
            }
            shift += 7
        }
        return nil
    }

    /// A count or length: a non-negative int no larger than the bytes left (each element takes a byte).
    mutating func count() -> Int? {
        guard let n = int(), n >= 0, n <= bytes.count - position else { return nil }
        return n
    }

    mutating func string() -> String? {
        guard let n = count() else { return nil }
        defer { position += n }
        return String(validating: bytes[position..<(position + n)], as: UTF8.self)
    }

    /// A length-prefixed run of raw bytes.
    mutating func raw() -> ArraySlice<UInt8>? {
        guard let n = count() else { return nil }
        defer { position += n }
        return bytes[position..<(position + n)]
    }

    mutating func optionalString() -> String?? {
        guard position < bytes.count else { return nil }
        let flag = bytes[position]
        position += 1
        switch flag {
        case 0: return .some(nil)
        case 1: return string().map { .some($0) }
        default: return nil
        }
    }

    mutating func ints() -> [Int]? {
        guard let n = count() else { return nil }
        var out: [Int] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            guard let v = int() else { return nil }
            out.append(v)
        }
        return out
    }

    /// A span written by ``BinaryWriter/ints(_:)`` as `[lower, upper]`; nil unless it has two values in order.
    mutating func range() -> Range<Int>? {
        guard let n = count(), n == 2, let lower = int(), let upper = int(), lower <= upper else { return nil }
        return lower..<upper
    }

    mutating func strings() -> [String]? {
        guard let n = count() else { return nil }
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            guard let v = string() else { return nil }
            out.append(v)
        }
        return out
    }
}
