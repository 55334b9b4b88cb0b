import Foundation

/// Hand-made corrections to the extracted event graph: `curation.json`, kept beside `events.json`.
///
/// The tool never writes this file. It is applied (by `CurationApplier` in TimelineGraph) to every fresh
/// extraction, so corrections survive regeneration:
///
/// ```json
/// {"events": {"<event id>": {"title": "...", "date": "EDTF", "type": "...", "hidden": true}},
///  "add": [<events in the events.json format>],
///  "merge": [["<id>", "<id>"]]}
/// ```
///
/// The reader is lenient about what is left out (every key is optional) and strict about what is there:
/// an unknown key (a typo such as `"titel"`) is an error naming its JSON path, and override dates must be
/// EDTF values this tool understands. The format is documented in `docs/curation.md`.
public struct Curation: Codable, Sendable, Equatable {
    /// The usual file name, looked for beside `events.json`.
    public static let fileName = "curation.json"

    /// Corrections to one event (or undated event), keyed by its id in ``Curation/events``.
    /// Every field is optional; a field left out keeps the extracted value.
    public struct Override: Codable, Sendable, Equatable {
        /// A new title; longer than ``Event/maxTitleLength`` characters is truncated with a warning.
        public var title: String?
        /// A new date as an EDTF value (`1969-03-02`, `196X`, `1971/1972`, ...); precision and interval are derived.
        public var date: String?
        /// A new event type (`war`, `diplomacy`, ...).
        public var type: String?
        /// `true` removes the event, and every relation touching it, from all outputs.
        public var hidden: Bool?
        /// A new actor list, in order of salience (replaces the extracted list).
        public var actors: [String]?
        /// A new place list, in order of salience (replaces the extracted list).
        public var places: [String]?
        /// Free text for the people who edit the file (why the correction was made); ignored by the tool.
        public var note: String?

        public init(title: String? = nil, date: String? = nil, type: String? = nil, hidden: Bool? = nil,
                    actors: [String]? = nil, places: [String]? = nil, note: String? = nil) {
            self.title = title
            self.date = date
            self.type = type
            self.hidden = hidden
            self.actors = actors
            self.places = places
            self.note = note
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case title, date, type, hidden, actors, places, note }

        /// The names of the fields this override sets (the note excluded), in a fixed order.
        public var fieldNames: [String] {
            var names: [String] = []
            if title != nil { names.append("title") }
            if date != nil { names.append("date") }
            if type != nil { names.append("type") }
            if actors != nil { names.append("actors") }
            if places != nil { names.append("places") }
            if hidden != nil { names.append("hidden") }
            return names
        }

        /// The date as an ``EventDate``; `nil` when no date is given or it is not EDTF this tool understands.
        public var eventDate: EventDate? { date.flatMap { EventDate(edtf: $0) } }

        public init(from decoder: Decoder) throws {
            try CurationKeys.check(decoder, allowed: CodingKeys.allCases.map(\.rawValue), what: "an event override")
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let id = decoder.codingPath.last?.stringValue ?? "?"
            title = try c.decodeIfPresent(String.self, forKey: .title)
            date = try c.decodeIfPresent(String.self, forKey: .date)
            type = try c.decodeIfPresent(String.self, forKey: .type)
            hidden = try c.decodeIfPresent(Bool.self, forKey: .hidden)
            actors = try c.decodeIfPresent([String].self, forKey: .actors)
            places = try c.decodeIfPresent([String].self, forKey: .places)
            note = try c.decodeIfPresent(String.self, forKey: .note)
            if let title, title.trimmingSpaces().isEmpty {
                throw DecodingError.dataCorruptedError(forKey: .title, in: c,
                    debugDescription: "the title of event \"\(id)\" is empty (leave \"title\" out to keep the extracted one)")
            }
            if let type, type.trimmingSpaces().isEmpty {
                throw DecodingError.dataCorruptedError(forKey: .type, in: c,
                    debugDescription: "the type of event \"\(id)\" is empty (use \"event\" when no type applies)")
            }
            if let date, EventDate(edtf: date) == nil {
                throw DecodingError.dataCorruptedError(forKey: .date, in: c,
                    debugDescription: "the date '\(date)' of event \"\(id)\" is not an EDTF date this tool understands "
                        + "(examples: 1969, 2019-06-05, 2024-02, 196X, 1971/1972, 2000/2004~)")
            }
        }
    }

    /// Corrections keyed by event id (an id in `events` or in `undated` of events.json).
    public var events: [String: Override]
    /// Events to add, in the events.json event format (the date may also be a bare EDTF string).
    public var add: [Event]
    /// Groups of event ids that tell one event; the first id of each group survives.
    public var merge: [[String]]

    public init(events: [String: Override] = [:], add: [Event] = [], merge: [[String]] = []) {
        self.events = events
        self.add = add
        self.merge = merge
    }

    /// True when the file asks for nothing.
    public var isEmpty: Bool { events.isEmpty && add.isEmpty && merge.isEmpty }

    enum CodingKeys: String, CodingKey, CaseIterable { case events, add, merge }

    public init(from decoder: Decoder) throws {
        try CurationKeys.check(decoder, allowed: CodingKeys.allCases.map(\.rawValue), what: "curation.json")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        events = try c.decodeIfPresent([String: Override].self, forKey: .events) ?? [:]
        add = try c.decodeIfPresent([AddedEvent].self, forKey: .add)?.map(\.event) ?? []
        merge = try c.decodeIfPresent([[String]].self, forKey: .merge) ?? []
    }

    /// Decodes a curation.json file's bytes; `path` names the file in error messages.
    /// Errors are ``TimelineError/malformedJSON(path:position:reason:)``: line:column for syntax errors,
    /// the JSON path for everything else.
    public static func decode(_ data: Data, path: String) throws -> Curation {
        try EventGraphCoder.decodeJSON(Curation.self, from: data, path: path)
    }

    /// Reads a curation.json file; `nil` when there is no file at `url` (curation is optional).
    public static func read(from url: URL) throws -> Curation? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            throw TimelineError.unreadable(path: url.relativePath, reason: "it is a folder, not a curation.json file")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw TimelineError.unreadable(path: url.relativePath, reason: (error as NSError).localizedDescription)
        }
        return try decode(data, path: url.relativePath)
    }

    /// Where curation.json is for a given events.json: in the same folder.
    public static func url(besideEvents eventsURL: URL) -> URL {
        eventsURL.deletingLastPathComponent().appendingPathComponent(fileName)
    }
}

// MARK: - Strict decoding of added events

/// An entry of `add`: the events.json event format, checked for unknown keys at every level.
/// The date may be an object (as in events.json) or a bare EDTF string.
private struct AddedEvent: Decodable {
    var event: Event

    enum CodingKeys: String, CodingKey, CaseIterable { case id, date, title, type, actors, places, mentions }

    init(from decoder: Decoder) throws {
        try CurationKeys.check(decoder, allowed: CodingKeys.allCases.map(\.rawValue), what: "an added event")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let id = try c.decode(String.self, forKey: .id)
        if id.isEmpty || id.contains(where: \.isWhitespace) {
            throw DecodingError.dataCorruptedError(forKey: .id, in: c,
                debugDescription: "the id '\(id)' is empty or contains white space")
        }
        let title = try c.decode(String.self, forKey: .title)
        if title.trimmingSpaces().isEmpty {
            throw DecodingError.dataCorruptedError(forKey: .title, in: c,
                debugDescription: "the title of added event \"\(id)\" is empty")
        }
        let date: EventDate
        do {
            date = try c.decode(AddedDate.self, forKey: .date).date
        } catch DecodingError.dataCorrupted(let ctx) {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: ctx.codingPath,
                debugDescription: "added event \"\(id)\": " + ctx.debugDescription, underlyingError: ctx.underlyingError))
        }
        let type = try c.decodeIfPresent(String.self, forKey: .type) ?? "event"
        let actors = try c.decodeIfPresent([String].self, forKey: .actors) ?? []
        let places = try c.decodeIfPresent([String].self, forKey: .places) ?? []
        let mentions = try c.decodeIfPresent([AddedMention].self, forKey: .mentions)?.map(\.mention) ?? []
        event = Event(id: id, date: date, title: title, type: type, actors: actors, places: places, mentions: mentions)
    }
}

private struct AddedDate: Decodable {
    var date: EventDate

    init(from decoder: Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            guard let date = EventDate(edtf: text) else {
                throw DecodingError.dataCorruptedError(in: single,
                    debugDescription: "'\(text)' is not an EDTF date this tool understands "
                        + "(examples: 1969, 2019-06-05, 2024-02, 196X, 1971/1972, 2000/2004~)")
            }
            self.date = date
            return
        }
        try CurationKeys.check(decoder, allowed: ["value", "precision", "start", "end"], what: "a date")
        date = try EventDate(from: decoder)
    }
}

private struct AddedMention: Decodable {
    var mention: Mention

    init(from decoder: Decoder) throws {
        try CurationKeys.check(decoder, allowed: ["document", "span", "quote", "dateText"], what: "a mention")
        mention = try Mention(from: decoder)
    }
}

// MARK: - Unknown keys

/// Rejects keys a curation object does not know, so that a typo is an error instead of a silently
/// ignored correction.
enum CurationKeys {
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { return nil }
    }

    static func check(_ decoder: Decoder, allowed: [String], what: String) throws {
        // Not an object: let the real decoding report the type mismatch.
        guard let c = try? decoder.container(keyedBy: AnyKey.self) else { return }
        let unknown = c.allKeys.map(\.stringValue).filter { !allowed.contains($0) }.sorted()
        guard let key = unknown.first else { return }
        var hint = ""
        if let near = allowed.min(by: { (distance(key, $0), $0) < (distance(key, $1), $1) }),
           distance(key, near) <= max(1, min(2, key.count / 3)) {
            hint = "did you mean \"\(near)\"? "
        }
        throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: decoder.codingPath + [AnyKey(stringValue: key)],
            debugDescription: "unknown key \"\(key)\" in \(what) (\(hint)known keys: \(allowed.sorted().joined(separator: ", ")))"))
    }

    /// Edit distance (optimal string alignment: insertions, deletions, substitutions, transpositions), case-insensitive.
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var beforePrevious = Array(0...y.count)
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)   // a transposition: "titel"
                }
            }
            beforePrevious = previous
            previous = current
        }
        return previous[y.count]
    }
}
