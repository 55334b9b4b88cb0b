import Foundation

/// Reads and writes `events.json` deterministically.
public enum EventGraphCoder {
    /// Encodes a graph as canonical JSON: sorted keys and arrays, two-space indentation, trailing newline.
    public static func encode(_ graph: EventGraph) throws -> Data {
        var g = graph
        g.canonicalize()
        return try encodeCanonical(g)
    }

    /// Encodes any value with the same canonical settings as ``encode(_:)``.
    ///
    /// Values without floating-point numbers (events.json) are written by ``CanonicalJSONEncoder``, the
    /// others by Foundation's `JSONEncoder`; both write the same bytes.
    public static func encodeCanonical<T: Encodable>(_ value: T) throws -> Data {
        if var bytes = try? CanonicalJSONEncoder().encode(value) {
            bytes.append(0x0A)
            return Data(bytes)
        }
        return try foundationCanonical(value)
    }

    /// The bytes of `events` as elements of events.json's `events` array: each indented as there, joined by
    /// `,` and a newline, without the brackets or a final newline. ``encode(_:)`` of a graph writes its
    /// events array as `[`, newline, these bytes for all its events (canonical order), newline, `  ]`.
    public static func encodeEventElements(_ events: ArraySlice<Event>) throws -> [UInt8] {
        var out: [UInt8] = []
        let encoder = CanonicalJSONEncoder()
        for (i, event) in events.enumerated() {
            if i > 0 { out.append(contentsOf: [UInt8(ascii: ","), 0x0A]) }
            out.append(contentsOf: [0x20, 0x20, 0x20, 0x20])
            try encoder.encode(event, depth: 2, into: &out)
        }
        return out
    }

    /// ``encodeCanonical(_:)`` by Foundation's `JSONEncoder` (the reference the fast path is tested against).
    static func foundationCanonical<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    /// Decodes an events.json file's bytes; `path` names the file in error messages.
    public static func decode(_ data: Data, path: String) throws -> EventGraph {
        // Check the version first so that a future file gets the right message, not a schema error.
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            guard let version = object["schemaVersion"] as? Int else {
                throw TimelineError.malformedJSON(path: path, position: "",
                    reason: "missing \"schemaVersion\": this is not a timeline events.json file")
            }
            if version != EventGraph.currentSchemaVersion {
                throw TimelineError.unsupportedSchemaVersion(path: path, found: version,
                                                             supported: EventGraph.currentSchemaVersion)
            }
        }
        return try decodeJSON(EventGraph.self, from: data, path: path)
    }

    /// Reads and decodes an events.json file.
    public static func read(from url: URL) throws -> EventGraph {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw TimelineError.unreadable(path: url.relativePath, reason: (error as NSError).localizedDescription)
        }
        return try decode(data, path: url.relativePath)
    }

    /// Decodes any JSON document, turning Foundation's errors into a ``TimelineError`` naming the file
    /// and the line:column (syntax errors) or the JSON path (schema errors).
    public static func decodeJSON<T: Decodable>(_ type: T.Type, from data: Data, path: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            var position = position(of: error, in: data)
            var reason = message(of: error)
            if case .dataCorrupted(let ctx) = error, ctx.codingPath.isEmpty {
                // Foundation's JSONDecoder may not say where the syntax error is; JSONSerialization does.
                do {
                    _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
                } catch {
                    let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
                    reason = "not valid JSON: " + detail
                    if position.isEmpty { position = syntaxPosition(detail, in: data) }
                }
            }
            throw TimelineError.malformedJSON(path: path, position: position, reason: reason)
        } catch {
            throw TimelineError.malformedJSON(path: path, position: "", reason: "\(error)")
        }
    }

    private static func jsonPath(_ path: [CodingKey]) -> String {
        var s = ""
        for key in path {
            if let i = key.intValue { s += "[\(i)]" } else { s += (s.isEmpty ? "" : ".") + key.stringValue }
        }
        return s.isEmpty ? "(top level)" : s
    }

    private static func message(of error: DecodingError) -> String {
        switch error {
        case let .dataCorrupted(ctx):
            if ctx.codingPath.isEmpty {
                let detail = (ctx.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
                return "not valid JSON: " + (detail ?? ctx.debugDescription)
            }
            return "\(jsonPath(ctx.codingPath)): \(ctx.debugDescription)"
        case let .keyNotFound(key, ctx):
            return "\(jsonPath(ctx.codingPath + [key])): required field is missing"
        case let .typeMismatch(type, ctx):
            return "\(jsonPath(ctx.codingPath)): expected \(readable(type))"
        case let .valueNotFound(type, ctx):
            return "\(jsonPath(ctx.codingPath)): expected \(readable(type)), found null"
        @unknown default:
            return "\(error)"
        }
    }

    private static func readable(_ type: Any.Type) -> String {
        switch "\(type)" {
        case "String": return "a string"
        case "Int": return "an integer"
        case let t where t.hasPrefix("Array"): return "an array"
        case let t where t.hasPrefix("Dictionary"): return "an object"
        default: return "a \(type) value"
        }
    }

    /// Finds "line L, column C" for syntax errors when Foundation reports it, otherwise an offset-derived position.
    private static func position(of error: DecodingError, in data: Data) -> String {
        guard case let .dataCorrupted(ctx) = error, ctx.codingPath.isEmpty else { return "" }
        let text = [ctx.debugDescription, (ctx.underlyingError as NSError?).map { "\($0.userInfo)" } ?? ""].joined(separator: " ")
        if let r = text.range(of: #"line (\d+), column (\d+)"#, options: .regularExpression) {
            let digits = text[r].split(whereSeparator: { !$0.isNumber })
            if digits.count == 2 { return "\(digits[0]):\(digits[1])" }
        }
        if let r = text.range(of: #"character (\d+)"#, options: .regularExpression),
           let offset = Int(text[r].split(separator: " ")[1]) {
            return lineColumn(ofByte: offset, in: data)
        }
        return ""
    }

    private static func syntaxPosition(_ text: String, in data: Data) -> String {
        if let r = text.range(of: #"line (\d+), column (\d+)"#, options: .regularExpression) {
            let digits = text[r].split(whereSeparator: { !$0.isNumber })
            if digits.count == 2 { return "\(digits[0]):\(digits[1])" }
        }
        if let r = text.range(of: #"character (\d+)"#, options: .regularExpression),
           let offset = Int(text[r].split(separator: " ")[1]) {
            return lineColumn(ofByte: offset, in: data)
        }
        return ""
    }

    /// 1-based line:column of a byte offset.
    public static func lineColumn(ofByte offset: Int, in data: Data) -> String {
        var line = 1, column = 1, i = 0
        for b in data {
            if i >= offset { break }
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return "\(line):\(column)"
    }
}
