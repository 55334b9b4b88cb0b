import TimelineModel

/// Replaces the blocks between `<!-- timeline:begin ... -->` and `<!-- timeline:end -->` in a Markdown
/// document, leaving every other byte as it was.
///
/// - Each marker stands on a line of its own (up to three spaces of indentation). Markers inside fenced code
///   blocks are text, not markers, so a document can show them in an example.
/// - The begin marker may carry settings: `<!-- timeline:begin from=2000 to=2010 type=war,diplomacy
///   actor="Soviet Union" title="The 2000s" format=mermaid heading=3 image=docs/timeline.svg -->`. Values
///   with spaces are double-quoted.
/// - What stands between the markers is replaced by a blank line, the block, and a blank line, with the
///   document's line ending (LF or CRLF). Running it again gives the same bytes.
public enum MarkdownInjector {
    /// The settings of one block, as written on its begin marker.
    public struct Block: Equatable, Sendable {
        /// `key=value` pairs in the order written.
        public var attributes: [(String, String)]
        /// The 1-based line of the begin marker.
        public var line: Int
        /// The 1-based number of the block in its document (stable when content above it changes length).
        public var index: Int

        public static func == (a: Block, b: Block) -> Bool {
            a.line == b.line && a.index == b.index && a.attributes.map { $0.0 + "=" + $0.1 } == b.attributes.map { $0.0 + "=" + $0.1 }
        }

        /// The value of `key`, if given.
        public func value(_ key: String) -> String? { attributes.last { $0.0 == key }?.1 }
    }

    /// The settings a begin marker may carry.
    public static let knownAttributes: Set<String> = ["from", "to", "type", "actor", "title", "format", "heading", "image"]

    /// `document` with each block replaced by `content(block)`.
    /// - Parameter path: names the document in error messages.
    /// - Throws: ``TimelineError/invalidArgument(_:)`` naming the document (and line) when it has no markers, a
    ///   begin marker without its end (or the reverse), nested markers, or an unknown or malformed setting;
    ///   and whatever `content` throws.
    public static func inject(into document: [UInt8], path: String,
                              content: (Block) throws -> String) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(document.count + 4096)
        var open: (block: Block, newline: [UInt8])?
        var blocks = 0
        var fence: (byte: UInt8, count: Int)?
        var lineNumber = 0
        var start = 0
        while start < document.count {
            var end = start
            while end < document.count && document[end] != 0x0A { end += 1 }
            let next = end < document.count ? end + 1 : end
            lineNumber += 1
            let line = Array(document[start..<end])
            let text = String(decoding: line, as: UTF8.self)

            // Outside a block, markers in fenced code are text; inside one, everything up to the end marker
            // is replaced, fences included.
            if open == nil {
                if let f = fence {
                    if isFence(text, closing: f) { fence = nil }
                    out += document[start..<next]
                    start = next
                    continue
                }
                if let f = fenceOpening(text) {
                    fence = f
                    out += document[start..<next]
                    start = next
                    continue
                }
            }
            switch marker(text) {
            case .begin(let attributeText):
                if let o = open {
                    throw TimelineError.invalidArgument(
                        "\(path):\(lineNumber): a second <!-- timeline:begin --> before the <!-- timeline:end --> of the one on line \(o.block.line)")
                }
                let block = Block(attributes: try attributes(attributeText, path: path, line: lineNumber), line: lineNumber,
                                  index: blocks + 1)
                out += document[start..<next]
                let crlf = line.last == 0x0D
                open = (block, crlf ? [0x0D, 0x0A] : [0x0A])
                if next == end {
                    // The begin marker ends the file without a newline: there can be no end marker after it.
                    break
                }
            case .end:
                guard let o = open else {
                    throw TimelineError.invalidArgument(
                        "\(path):\(lineNumber): <!-- timeline:end --> without a <!-- timeline:begin --> before it")
                }
                var body = try content(o.block)
                if !body.hasSuffix("\n") { body += "\n" }
                var bytes = Array(("\n" + body + "\n").utf8)
                if o.newline.count == 2 {
                    var converted: [UInt8] = []
                    converted.reserveCapacity(bytes.count + bytes.count / 20)
                    for b in bytes {
                        if b == 0x0A { converted.append(0x0D) }
                        converted.append(b)
                    }
                    bytes = converted
                }
                out += bytes
                out += document[start..<next]
                open = nil
                blocks += 1
            case nil:
                if open == nil { out += document[start..<next] }
            }
            start = next
        }
        if let o = open {
            throw TimelineError.invalidArgument(
                "\(path):\(o.block.line): <!-- timeline:begin --> has no <!-- timeline:end --> after it")
        }
        if blocks == 0 {
            throw TimelineError.invalidArgument(
                "\(path): no <!-- timeline:begin --> ... <!-- timeline:end --> markers: add them, each on a line of "
                    + "its own, where the timeline should go")
        }
        return out
    }

    private enum Marker: Equatable {
        case begin(String)
        case end
    }

    /// Whether `line` is a marker (up to three spaces of indentation, nothing after the `-->` but spaces).
    private static func marker(_ line: String) -> Marker? {
        var s = Substring(line)
        if s.hasSuffix("\r") { s = s.dropLast() }
        var indent = 0
        while s.first == " " && indent < 4 { s = s.dropFirst(); indent += 1 }
        guard indent <= 3, s.hasPrefix("<!--") else { return nil }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        guard s.hasSuffix("-->") else { return nil }
        var inner = s.dropFirst(4).dropLast(3)
        while inner.first == " " || inner.first == "\t" { inner = inner.dropFirst() }
        while inner.last == " " || inner.last == "\t" { inner = inner.dropLast() }
        if inner == "timeline:end" { return .end }
        guard inner.hasPrefix("timeline:begin") else { return nil }
        let rest = inner.dropFirst("timeline:begin".count)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        return .begin(String(rest))
    }

    /// Parses `key=value key="quoted value"`.
    static func attributes(_ text: String, path: String, line: Int) throws -> [(String, String)] {
        var result: [(String, String)] = []
        var chars = Substring(text)
        func skipSpace() { while chars.first == " " || chars.first == "\t" { chars = chars.dropFirst() } }
        skipSpace()
        while !chars.isEmpty {
            let key = String(chars.prefix { $0 != "=" && $0 != " " && $0 != "\t" })
            chars = chars.dropFirst(key.count)
            guard chars.first == "=", !key.isEmpty else {
                throw TimelineError.invalidArgument(
                    "\(path):\(line): malformed timeline:begin setting '\(key)': write key=value (known: "
                        + knownAttributes.sorted().joined(separator: ", ") + ")")
            }
            guard knownAttributes.contains(key) else {
                throw TimelineError.invalidArgument(
                    "\(path):\(line): unknown timeline:begin setting '\(key)' (known: "
                        + knownAttributes.sorted().joined(separator: ", ") + ")")
            }
            chars = chars.dropFirst()
            var value = ""
            if chars.first == "\"" {
                chars = chars.dropFirst()
                guard let close = chars.firstIndex(of: "\"") else {
                    throw TimelineError.invalidArgument("\(path):\(line): unterminated quoted value of '\(key)'")
                }
                value = String(chars[..<close])
                chars = chars[chars.index(after: close)...]
            } else {
                value = String(chars.prefix { $0 != " " && $0 != "\t" })
                chars = chars.dropFirst(value.count)
            }
            result.append((key, value))
            skipSpace()
        }
        return result
    }

    /// A fenced code block's opening line: 0–3 spaces, then at least three backticks or tildes.
    private static func fenceOpening(_ line: String) -> (byte: UInt8, count: Int)? {
        let bytes = Array(line.utf8)
        var i = 0
        while i < bytes.count && i < 4 && bytes[i] == 0x20 { i += 1 }
        guard i <= 3, i < bytes.count, bytes[i] == 0x60 || bytes[i] == 0x7E else { return nil }
        let c = bytes[i]
        var n = 0
        while i + n < bytes.count && bytes[i + n] == c { n += 1 }
        guard n >= 3 else { return nil }
        // A backtick fence's info string may not contain a backtick.
        if c == 0x60 && bytes[(i + n)...].contains(0x60) { return nil }
        return (c, n)
    }

    private static func isFence(_ line: String, closing fence: (byte: UInt8, count: Int)) -> Bool {
        let bytes = Array(line.utf8)
        var i = 0
        while i < bytes.count && i < 4 && bytes[i] == 0x20 { i += 1 }
        guard i <= 3 else { return false }
        var n = 0
        while i + n < bytes.count && bytes[i + n] == fence.byte { n += 1 }
        guard n >= fence.count else { return false }
        return bytes[(i + n)...].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}
