import Foundation
import TimelineExtraction
import TimelineModel

/// `timeline merge`: the union of partial extractions, and the event graph of that union.
///
/// A part is a set of ``PartRecord``s, one per document: a JSON-lines file written by
/// `timeline extract --jsonl`, a folder of such files (Spark's `saveAsTextFile` output: every file whose name
/// does not start with `.` or `_`), or an events.json written with `--mergeable` (its `extractions`). Merging is
/// the union of these sets, keyed by document id:
///
/// - the same document in several parts with the same content (record and extraction) is kept once;
/// - the same id with different content (another sha256, or another extraction of the same bytes, e.g. by
///   another version of the extractor) is an error naming both places; nothing is written.
///
/// The graph is then a function of the union alone (``GraphAssembly``), so merging is associative and
/// commutative, a part merged with itself changes nothing, and merging the parts of any split of a corpus gives
/// the events.json of one build of the whole. The events, relations and undated events stored in an
/// events.json part are *not* read: they are recomputed from its extractions.
public struct PartMerger: Sendable {
    /// A document and where it was found (`parts/a.jsonl:12`, `events.json: extractions[3]`).
    public struct Entry: Sendable {
        public var record: PartRecord
        public var origin: String
    }

    /// The documents merged so far, by id.
    public private(set) var documents: [String: Entry] = [:]
    /// Documents met more than once with the same content: (id, first origin, later origin).
    public private(set) var duplicates: [(id: String, first: String, again: String)] = []
    /// The files read so far.
    public private(set) var files = 0
    /// The reader's warnings carried by the parts, once per document.
    public var warnings: [String] {
        documents.keys.sorted().flatMap { documents[$0]!.record.warnings }
    }

    public init() {}

    /// Adds one document.
    /// - Throws: ``TimelineError/invalidArgument(_:)`` when a different document with the same id was added.
    public mutating func add(_ record: PartRecord, origin: String) throws {
        let id = record.document.id
        guard let existing = documents[id] else {
            documents[id] = Entry(record: record, origin: origin)
            return
        }
        if existing.record.sameContent(as: record) {
            duplicates.append((id, existing.origin, origin))
            return
        }
        let a = existing.record.document, b = record.document
        let why: String
        if a.sha256 != b.sha256 {
            why = "different text (sha256 \(a.sha256.prefix(12))… and \(b.sha256.prefix(12))…)"
        } else if a != b {
            why = "the same text read differently (title, date or languages differ: was a date given for one of them?)"
        } else {
            why = "the same text extracted differently (made by different versions of timeline?)"
        }
        throw TimelineError.invalidArgument(
            "merge: document \"\(id)\" differs between \(existing.origin) and \(origin): \(why); "
                + "remove one of them or extract both again with the same timeline")
    }

    /// Adds every document of a part: a JSON-lines file, a folder of them, or a mergeable events.json.
    public mutating func add(partAt url: URL) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
            throw TimelineError.unreadable(path: url.relativePath, reason: "no such file or folder")
        }
        if isDir.boolValue {
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: url.path) } catch {
                throw TimelineError.unreadable(path: url.relativePath, reason: (error as NSError).localizedDescription)
            }
            for name in names.sorted() where !name.hasPrefix(".") && !name.hasPrefix("_") {
                let child = url.appendingPathComponent(name)
                var childIsDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: child.path, isDirectory: &childIsDir), !childIsDir.boolValue {
                    try add(partAt: child)
                }
            }
            return
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw TimelineError.unreadable(path: url.relativePath, reason: (error as NSError).localizedDescription)
        }
        try add(partData: data, path: url.relativePath)
        files += 1
    }

    /// Adds every document of a part's bytes; `path` names it in messages.
    public mutating func add(partData data: Data, path: String) throws {
        if Self.isEventsFile(data) {
            for (record, origin) in try Self.decodeEventsPart(data, path: path) { try add(record, origin: origin) }
            return
        }
        var number = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            var line = line
            if line.last == 0x0D { line = line.dropLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let record: PartRecord
            do {
                record = try EventGraphCoder.decodeJSON(PartRecord.self, from: Data(line), path: "\(path):\(number)")
            } catch let error as TimelineError {
                throw TimelineError.invalidArgument(error.description
                    + " (a part holds the lines `timeline extract --jsonl` writes, or is an events.json)")
            }
            guard record.documentExtraction() != nil else {
                throw TimelineError.invalidArgument("\(path):\(number): the extraction of \"\(record.document.id)\" is inconsistent "
                    + "(a span that is not a range, a relation to a mention that does not exist)")
            }
            try add(record, origin: "\(path):\(number)")
        }
    }

    /// Whether bytes hold an events.json rather than JSON lines: the first non-blank line is not a JSON object
    /// by itself (a pretty-printed file), or it is one with `schemaVersion` (a file written on one line).
    static func isEventsFile(_ data: Data) -> Bool {
        let first = data.split(separator: 0x0A).first { !$0.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }
        guard let first, first.first(where: { $0 != 0x20 && $0 != 0x09 }) == 0x7B else { return false }
        guard let object = try? JSONSerialization.jsonObject(with: Data(first)) as? [String: Any] else { return true }
        return object["schemaVersion"] != nil
    }

    /// What merging reads of a mergeable events.json (its events, relations and undated are recomputed).
    struct EventsPart: Decodable {
        var schemaVersion: Int
        var documents: [DocumentRecord]?
        var extractions: [CachedExtraction]?
    }

    /// The part records of a mergeable events.json.
    static func decodeEventsPart(_ data: Data, path: String) throws -> [(PartRecord, String)] {
        let stored = try EventGraphCoder.decodeJSON(EventsPart.self, from: data, path: path)
        guard stored.schemaVersion == EventGraph.currentSchemaVersion else {
            throw TimelineError.unsupportedSchemaVersion(path: path, found: stored.schemaVersion,
                                                         supported: EventGraph.currentSchemaVersion)
        }
        guard let extractions = stored.extractions else {
            throw TimelineError.invalidArgument(
                "\(path): this events.json has no \"extractions\", so it cannot be merged losslessly: its events "
                    + "hold what was merged, not what each document says. Merge the JSON lines of "
                    + "`timeline extract --jsonl` instead, or keep the result of a merge mergeable with "
                    + "`timeline merge --mergeable`")
        }
        var byID: [String: (Int, CachedExtraction)] = [:]
        for (i, x) in extractions.enumerated() {
            guard byID[x.document] == nil else {
                throw TimelineError.malformedJSON(path: path, position: "",
                                                  reason: "extractions[\(i)]: a second extraction of \"\(x.document)\"")
            }
            byID[x.document] = (i, x)
        }
        var out: [(PartRecord, String)] = []
        for d in stored.documents ?? [] {
            guard let (i, x) = byID.removeValue(forKey: d.id) else {
                throw TimelineError.malformedJSON(path: path, position: "",
                                                  reason: "extractions: no extraction of document \"\(d.id)\"")
            }
            let record = PartRecord(document: d, extraction: x)
            guard record.documentExtraction() != nil else {
                throw TimelineError.malformedJSON(path: path, position: "", reason: "extractions[\(i)]: inconsistent "
                    + "(a span that is not a range, a relation to a mention that does not exist)")
            }
            out.append((record, "\(path) (extractions[\(i)])"))
        }
        if let extra = byID.keys.sorted().first {
            throw TimelineError.malformedJSON(path: path, position: "",
                                              reason: "extractions: \"\(extra)\" is not in documents")
        }
        return out
    }

    // MARK: the result

    /// The curated graph of the union.
    public func graph(curation: Curation?, curationFile: String?) -> (EventGraph, [String]) {
        let inputs = documents.values.map { GraphAssembly.Input(record: $0.record.document, extraction: $0.record.documentExtraction()!) }
        return GraphAssembly.graph(inputs, curation: curation, curationFile: curationFile)
    }

    /// The union's records, sorted by document id.
    public var records: [PartRecord] {
        documents.keys.sorted().map { documents[$0]!.record }
    }
}

/// events.json with the per-document extractions it was made from: a file `timeline merge` can take as a part.
public enum MergeableEvents {
    /// `graph` encoded as events.json (exactly the bytes ``EventGraphCoder/encode(_:)`` writes), with, when
    /// `records` is not nil, a top-level `"extractions"` array (sorted by document) inserted in key order.
    public static func encode(_ graph: EventGraph, records: [PartRecord]?) throws -> Data {
        let plain = try EventGraphCoder.encode(graph)
        guard let records else { return plain }
        let extractions = records.map(\.extraction).sorted { $0.document < $1.document }
        var block = try EventGraphCoder.encodeCanonical(extractions)
        if block.last == 0x0A { block.removeLast() }
        // Indent the block one level: JSON strings hold no raw line breaks, so every line is a line of JSON.
        let indented = String(decoding: block, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated().map { $0.offset == 0 ? String($0.element) : "  " + $0.element }.joined(separator: "\n")
        let text = String(decoding: plain, as: UTF8.self)
        // Keys are sorted: "extractions" goes right after "events", i.e. before "relations" at the top level.
        guard let anchor = text.range(of: "\n  \"relations\" :") else {
            throw TimelineError.writeFailed(path: "events.json", reason: "unexpected layout of the encoded graph")
        }
        var out = text
        out.insert(contentsOf: "\n  \"extractions\" : " + indented + ",", at: anchor.lowerBound)
        return Data(out.utf8)
    }
}
