import Crypto
import Foundation
import TimelineModel

/// A digest of everything an event holds (id, date, title, type, actors, places, every mention), so that
/// pieces rendered from events can be found again while the events are unchanged (``PieceStore``).
///
/// Every field is written with its length before it, so that no two different events write the same bytes;
/// the bytes are hashed with SHA-256. A test checks that every stored property of ``Event``, ``EventDate``
/// and ``Mention`` is covered: a field added to the model must be added here.
public enum EventDigest {
    /// The hex SHA-256 of each event, in order.
    public static func digests(of events: [Event]) -> [String] {
        digests(of: events[...])
    }

    /// The digests of part of an array, read in place (copying an event retains each of its fields).
    static func digests(of events: ArraySlice<Event>) -> [String] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(4096)
        return events.indices.map { i in
            buffer.removeAll(keepingCapacity: true)
            write(events[i], into: &buffer)
            return hex(SHA256.hash(data: buffer))
        }
    }

    /// The digests of a graph's events, by event id, made once and shared by the renderers of one build. Only
    /// for a graph whose event ids are unique (the initializers are nil otherwise).
    public final class Memo: @unchecked Sendable {
        private let events: [Event]
        private let lock = NSLock()
        private var made: [String: String]?

        /// Digests made now, on `threads` threads.
        public init?(events: [Event], threads: Int = 2) {
            guard Set(events.map(\.id)).count == events.count else { return nil }
            self.events = []
            made = Self.table(events, threads: threads)
        }

        /// Digests made when first asked for, on the asking thread: while the renderer that asks first makes
        /// them, the others do what they can without them (the drawing lays out its boxes meanwhile).
        public init?(deferring events: [Event]) {
            guard Set(events.map(\.id)).count == events.count else { return nil }
            self.events = events
        }

        private var byID: [String: String] {
            lock.lock()
            defer { lock.unlock() }
            if let made { return made }
            let table = Self.table(events, threads: 1)
            made = table
            return table
        }

        private static func table(_ events: [Event], threads: Int) -> [String: String] {
            let parts = max(1, min(threads, events.count / 256 + 1))
            let slots = ConcurrentJobs.Slots<[String]>(count: parts)
            let size = (events.count + parts - 1) / parts
            let jobs: [@Sendable () throws -> Void] = (0..<parts).map { p in
                { slots[p] = EventDigest.digests(of: events[min(events.count, p * size)..<min(events.count, (p + 1) * size)]) }
            }
            try? ConcurrentJobs.run(jobs, threads: parts)
            var byID: [String: String] = [:]
            byID.reserveCapacity(events.count)
            var i = 0
            for p in 0..<parts {
                for d in slots[p] ?? [] { byID[events[i].id] = d; i += 1 }
            }
            return byID
        }

        /// The digest of `event`, which must be an event of the graph the memo was made for (see
        /// ``digests(of:)``).
        public func digest(of event: Event) -> String {
            byID[event.id] ?? EventDigest.digests(of: [event])[0]
        }

        /// The digests of `events`, which must be events of the graph the memo was made for (they are looked
        /// up by id; an id the memo does not know is digested here).
        public func digests(of events: [Event]) -> [String] {
            // By index: an event is copied (a retain of each of its fields) only when the memo does not know it.
            let known = byID
            return events.indices.map { known[events[$0].id] ?? EventDigest.digests(of: [events[$0]])[0] }
        }
    }

    /// The hex SHA-256 of `text`.
    public static func digest(_ text: String) -> String {
        hex(SHA256.hash(data: Array(text.utf8)))
    }

    static func write(_ e: Event, into b: inout [UInt8]) {
        string(e.id, &b); string(e.date.value, &b); string(e.date.precision.rawValue, &b)
        string(e.date.start, &b); string(e.date.end, &b); string(e.title, &b); string(e.type, &b)
        int(e.actors.count, &b); for a in e.actors { string(a, &b) }
        int(e.places.count, &b); for p in e.places { string(p, &b) }
        int(e.mentions.count, &b)
        // By index: a `for m in` loop copies each mention (a retain of each of its fields).
        for i in e.mentions.indices {
            string(e.mentions[i].document, &b)
            int(e.mentions[i].span.count, &b); for v in e.mentions[i].span { int(v, &b) }
            string(e.mentions[i].quote, &b); string(e.mentions[i].dateText, &b)
        }
    }

    private static func int(_ v: Int, _ b: inout [UInt8]) {
        withUnsafeBytes(of: Int64(v).littleEndian) { b.append(contentsOf: $0) }
    }

    private static func string(_ s: String, _ b: inout [UInt8]) {
        int(s.utf8.count, &b)
        b.append(contentsOf: s.utf8)
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest { out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 0xF)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
